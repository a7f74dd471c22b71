package io.stratus.runtime.java.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a class maps to a JSON object, built once per class by reflection and cached.
 *
 * <p>Rules (those of AWS's Java runtime serializer): getters are public {@code getX()} methods and
 * {@code isX()} returning primitive {@code boolean}; setters are {@code setX(v)} of any visibility; public
 * non-static, non-transient fields are both. A getter wins over a field of the same name for output, a setter
 * for input. Names follow the standard bean rule ({@code getURL} → {@code URL}, {@code getName} →
 * {@code name}); input names match exactly first, then ignoring case. Output order is the declaration order
 * of fields (superclass first), then the remaining getters. Records use their components and canonical
 * constructor. Instances are immutable and safe to share.
 */
final class BeanType {
    private static final ClassValue<BeanType> CACHE = new ClassValue<>() {
        @Override
        protected BeanType computeValue(Class<?> type) {
            return new BeanType(type);
        }
    };

    private final Class<?> type;
    private final List<Property> getters;
    private final Map<String, Property> setters;
    private final Map<String, Property> settersIgnoringCase;
    private final RecordComponent[] components;

    private BeanType(Class<?> type) {
        this.type = type;
        this.components = type.isRecord() ? type.getRecordComponents() : null;
        this.getters = components != null ? recordGetters(components) : getters(type);
        this.setters = components != null ? Map.of() : setters(type);
        this.settersIgnoringCase = new HashMap<>();
        setters.forEach((name, property) -> settersIgnoringCase.putIfAbsent(name.toLowerCase(Locale.ROOT), property));
    }

    static BeanType of(Class<?> type) {
        return CACHE.get(type);
    }

    /** Readable properties in output order. */
    List<Property> getters() {
        return getters;
    }

    /** The writable property for a JSON name, matched exactly, then ignoring case; {@code null} if none. */
    Property setter(String name) {
        Property exact = setters.get(name);
        return exact != null ? exact : settersIgnoringCase.get(name.toLowerCase(Locale.ROOT));
    }

    /** Record components, or {@code null} for a plain bean. */
    RecordComponent[] components() {
        return components;
    }

    /** A new instance through the no-argument constructor, of any visibility. */
    Object newInstance() {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new JsonException("Cannot create an instance of abstract type " + type.getName());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new JsonException("Cannot create " + type.getName() + ": it has no no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new JsonException("Constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new JsonException("Cannot create " + type.getName(), e);
        }
    }

    /** A new record through its canonical constructor. */
    Object newRecord(Object[] values) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new JsonException("Constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new JsonException("Cannot create " + type.getName(), e);
        }
    }

    private static List<Property> recordGetters(RecordComponent[] components) {
        List<Property> getters = new ArrayList<>(components.length);
        for (RecordComponent component : components) {
            getters.add(Property.ofMethod(component.getName(), component.getAccessor()));
        }
        return getters;
    }

    private static List<Property> getters(Class<?> type) {
        Map<String, Property> byName = new LinkedHashMap<>();
        for (Field field : fieldsInOrder(type)) {
            byName.put(field.getName(), null);
        }
        for (Method method : type.getMethods()) {
            String name = getterName(method);
            if (name != null && byName.get(name) == null) {
                byName.put(name, Property.ofMethod(name, method));
            }
        }
        for (Field field : fieldsInOrder(type)) {
            if (isPublicInstanceField(field) && byName.get(field.getName()) == null) {
                byName.put(field.getName(), Property.ofField(field));
            }
        }
        List<Property> getters = new ArrayList<>(byName.size());
        for (Property property : byName.values()) {
            if (property != null) {
                getters.add(property);
            }
        }
        return List.copyOf(getters);
    }

    private static Map<String, Property> setters(Class<?> type) {
        Map<String, Property> byName = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                String name = setterName(method);
                if (name != null) {
                    byName.putIfAbsent(name, Property.ofMethod(name, method));
                }
            }
        }
        for (Field field : fieldsInOrder(type)) {
            if (isPublicInstanceField(field)) {
                byName.putIfAbsent(field.getName(), Property.ofField(field));
            }
        }
        return byName;
    }

    private static List<Field> fieldsInOrder(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static boolean isPublicInstanceField(Field field) {
        int modifiers = field.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isTransient(modifiers) && !Modifier.isStatic(modifiers);
    }

    private static String getterName(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0 || method.isBridge()
                || method.getDeclaringClass() == Object.class) {
            return null;
        }
        String name = method.getName();
        Class<?> returns = method.getReturnType();
        if (name.startsWith("get") && name.length() > 3 && returns != void.class) {
            return decapitalize(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2 && returns == boolean.class) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    private static String setterName(Method method) {
        String name = method.getName();
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 1 || method.isBridge()
                || method.isSynthetic() || !name.startsWith("set") || name.length() <= 3) {
            return null;
        }
        return decapitalize(name.substring(3));
    }

    /** The standard bean rule: leading capital lowered unless the first two characters are both capitals. */
    static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
