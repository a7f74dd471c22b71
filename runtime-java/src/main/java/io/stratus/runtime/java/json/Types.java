package io.stratus.runtime.java.json;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Generic type arithmetic: raw classes, and type variables resolved against the type they are seen from
 * ({@code T} of {@code Box<T>} is {@code Person} when reading a {@code Box<Person>}). Stateless.
 */
public final class Types {
    private Types() {
    }

    /**
     * The class a type erases to; an unresolved type variable or wildcard erases to its first upper bound.
     *
     * @param type any reflected type
     * @return its raw class, never {@code null}
     */
    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    /**
     * The type arguments with which {@code context} extends or implements {@code target}, resolved as far
     * as {@code context} allows; {@code Object} (the bound) where it uses {@code target} raw.
     *
     * @param context a class or parameterized type that is a subtype of {@code target}
     * @param target a generic class or interface, e.g. {@code RequestHandler.class}
     * @return one type per type parameter of {@code target}, or {@code null} if {@code context} is no subtype
     */
    public static Type[] typeArguments(Type context, Class<?> target) {
        Class<?> raw = raw(context);
        if (raw == target) {
            TypeVariable<?>[] params = target.getTypeParameters();
            Type[] args = new Type[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = context instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : params[i];
                args[i] = erasedIfUnresolved(args[i]);
            }
            return args;
        }
        if (!target.isAssignableFrom(raw)) {
            return null;
        }
        for (Type supertype : supertypes(raw)) {
            Type[] args = typeArguments(resolve(supertype, context), target);
            if (args != null) {
                return args;
            }
        }
        return null;
    }

    /**
     * Replaces the type variables in {@code type} with what {@code context} binds them to.
     *
     * @param type a member's declared type, e.g. a setter's parameter type
     * @param context the type the member is seen from, e.g. {@code Box<Person>} or a subclass of the declarer
     * @return the resolved type; unresolvable variables become their bound
     */
    public static Type resolve(Type type, Type context) {
        if (type instanceof Class<?>) {
            return type;
        }
        if (type instanceof TypeVariable<?> v) {
            return resolveVariable(v, context);
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments().clone();
            for (int i = 0; i < args.length; i++) {
                args[i] = resolve(args[i], context);
            }
            return new Parameterized((Class<?>) p.getRawType(), args, p.getOwnerType());
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(resolve(g.getGenericComponentType(), context)), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return w.getLowerBounds().length > 0 ? Object.class : resolve(w.getUpperBounds()[0], context);
        }
        return Object.class;
    }

    private static Type resolveVariable(TypeVariable<?> variable, Type context) {
        GenericDeclaration declarer = variable.getGenericDeclaration();
        if (declarer instanceof Class<?> owner && context != null) {
            Type[] args = typeArguments(context, owner);
            if (args != null) {
                Type arg = args[Arrays.asList(owner.getTypeParameters()).indexOf(variable)];
                if (!(arg instanceof TypeVariable<?>)) {
                    return arg;
                }
            }
        }
        return raw(variable.getBounds()[0]);
    }

    private static Type erasedIfUnresolved(Type type) {
        return type instanceof TypeVariable<?> || type instanceof WildcardType ? resolve(type, null) : type;
    }

    private static Type[] supertypes(Class<?> raw) {
        Type[] interfaces = raw.getGenericInterfaces();
        Type superclass = raw.getGenericSuperclass();
        if (superclass == null) {
            return interfaces;
        }
        Type[] all = Arrays.copyOf(interfaces, interfaces.length + 1);
        all[interfaces.length] = superclass;
        return all;
    }

    /** A parameterized type built by {@link #resolve}; equal to the JDK's own for the same raw type and arguments. */
    private record Parameterized(Class<?> rawType, Type[] args, Type ownerType) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return ownerType;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType p && rawType.equals(p.getRawType())
                    && Objects.equals(ownerType, p.getOwnerType()) && Arrays.equals(args, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ Objects.hashCode(ownerType) ^ rawType.hashCode();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(rawType.getName()).append('<');
            for (int i = 0; i < args.length; i++) {
                text.append(i == 0 ? "" : ", ").append(args[i].getTypeName());
            }
            return text.append('>').toString();
        }
    }
}
