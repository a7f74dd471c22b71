package io.stratus.runtime.java.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a class maps to a JSON object, built once per class by reflection and cached.
 *
 * <p>Rules (those of AWS's Java runtime serializer, plus fallbacks that stand in for the per-event mix-ins it
 * carries): getters are public {@code getX()} and {@code isX()} methods ({@code boolean} or {@code Boolean});
 * setters are {@code setX(v)} of any visibility; public non-static, non-transient fields are both. A getter
 * wins over a field of the same name for output, a setter for input. Names follow the standard bean rule
 * ({@code getURL} → {@code URL}, {@code getName} → {@code name}). Input names match exactly first, then
 * ignoring case, '-' and '_' ({@code Records} → {@code records}, {@code detail-type} → {@code detailType}).
 * A property with a getter but no setter is filled through its private field. Output order is the declaration
 * order of fields (superclass first), then the remaining getters.
 *
 * <p>Instances come from the no-argument constructor; records from their canonical constructor; a class
 * without a no-argument constructor from the public constructor that takes one argument per declared field
 * (parameters named as compiled with {@code -parameters}, else after the fields in declaration order), which
 * covers immutable event classes such as the S3 notification entities. Instances are immutable and shareable.
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
    private final Map<String, Property> settersByLooseName;
    private final Constructor<?> creator;
    private final String[] creatorNames;
    private final Type[] creatorTypes;

    private BeanType(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.isRecord() ? type.getRecordComponents() : null;
        this.getters = components != null ? recordGetters(components) : getters(type);
        this.setters = components != null ? Map.of() : setters(type, getters);
        this.settersByLooseName = new HashMap<>();
        for (Map.Entry<String, Property> setter : setters.entrySet()) {
            settersByLooseName.putIfAbsent(loose(setter.getKey()), setter.getValue());
        }
        this.creator = components != null ? canonical(type, components) : creator(type);
        this.creatorNames = creator == null ? null : creatorNames(type, creator, components);
        this.creatorTypes = creator == null ? null : creator.getGenericParameterTypes();
    }

    static BeanType of(Class<?> type) {
        return CACHE.get(type);
    }

    /** Readable properties in output order. */
    List<Property> getters() {
        return getters;
    }

    /** The writable property for a JSON name, matched exactly, then loosely; {@code null} if none. */
    Property setter(String name) {
        Property exact = setters.get(name);
        return exact != null ? exact : settersByLooseName.get(loose(name));
    }

    /** True if instances are built through a constructor with arguments rather than setters. */
    boolean usesCreator() {
        return creator != null;
    }

    /** For a creator: the index of the argument a JSON name feeds, or -1. */
    int creatorIndex(String name) {
        for (int i = 0; i < creatorNames.length; i++) {
            if (creatorNames[i].equals(name)) {
                return i;
            }
        }
        String loose = loose(name);
        for (int i = 0; i < creatorNames.length; i++) {
            if (loose(creatorNames[i]).equals(loose)) {
                return i;
            }
        }
        return -1;
    }

    /** For a creator: its declared parameter types. */
    Type[] creatorTypes() {
        return creatorTypes.clone();
    }

    /** A new instance through the no-argument constructor, of any visibility. */
    Object newInstance() {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new JsonException("Cannot create an instance of abstract type " + type.getName());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.trySetAccessible();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new JsonException("Cannot create " + type.getName() + ": it has no no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new JsonException("Constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new JsonException("Cannot create " + type.getName(), e);
        }
    }

    /** A new instance through the creator. */
    Object create(Object[] arguments) {
        try {
            return creator.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new JsonException("Constructor of " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new JsonException("Cannot create " + type.getName(), e);
        }
    }

    private static Constructor<?> canonical(Class<?> type, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.trySetAccessible();
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new JsonException("Record " + type.getName() + " has no canonical constructor");
        }
    }

    private static Constructor<?> creator(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || hasNoArgConstructor(type)) {
            return null;
        }
        int fields = declaredFields(type).size();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == fields && fields > 0) {
                return constructor;
            }
        }
        return null;
    }

    private static boolean hasNoArgConstructor(Class<?> type) {
        try {
            type.getDeclaredConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String[] creatorNames(Class<?> type, Constructor<?> creator, RecordComponent[] components) {
        Parameter[] parameters = creator.getParameters();
        List<Field> fields = declaredFields(type);
        String[] names = new String[parameters.length];
        for (int i = 0; i < names.length; i++) {
            if (components != null) {
                names[i] = components[i].getName();
            } else {
                names[i] = parameters[i].isNamePresent() ? parameters[i].getName() : fields.get(i).getName();
            }
        }
        return names;
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

    private static Map<String, Property> setters(Class<?> type, List<Property> getters) {
        Map<String, Property> byName = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                String name = setterName(method);
                if (name != null) {
                    byName.putIfAbsent(name, Property.ofMethod(name, method));
                }
            }
        }
        List<Field> fields = fieldsInOrder(type);
        for (Field field : fields) {
            if (isPublicInstanceField(field)) {
                byName.putIfAbsent(field.getName(), Property.ofField(field));
            }
        }
        for (Field field : fields) {
            if (!Modifier.isTransient(field.getModifiers()) && hasGetter(getters, field.getName())) {
                byName.putIfAbsent(field.getName(), Property.ofField(field));
            }
        }
        return byName;
    }

    private static boolean hasGetter(List<Property> getters, String name) {
        for (Property getter : getters) {
            if (getter.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<Field> declaredFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<Field> fieldsInOrder(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : chain) {
            fields.addAll(declaredFields(c));
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
        if (name.startsWith("is") && name.length() > 2 && (returns == boolean.class || returns == Boolean.class)) {
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

    /** A name reduced to lower-case letters and digits, for the loose match. */
    static String loose(String name) {
        StringBuilder loose = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                loose.append(Character.toLowerCase(c));
            }
        }
        return loose.toString();
    }
}
