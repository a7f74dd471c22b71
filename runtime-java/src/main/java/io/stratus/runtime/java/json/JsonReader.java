package io.stratus.runtime.java.json;

import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one JSON document straight into a target type, without building a tree first (except for
 * {@code Object}, which gets {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer},
 * {@code Long}, {@code BigInteger}, {@code Double}, {@code Boolean} or {@code null}).
 *
 * <p>Coercions, as AWS's serializer has them: a single value where an array is expected becomes a
 * one-element collection, a one-element array where a single value is expected is unwrapped, an empty string
 * or empty array where an object is expected is {@code null}, JSON {@code null} for a primitive is its
 * default. Not thread-safe; one instance per document.
 */
final class JsonReader {
    private static final int MAX_DEPTH = 1000;

    private final JsonParser parser;
    private int depth;

    JsonReader(byte[] in, int offset, int length) {
        this.parser = new JsonParser(in, offset, length);
    }

    /** Reads the whole input as one value of {@code type}. */
    Object readDocument(Type type) {
        Object value = read(type);
        parser.expectEnd();
        return value;
    }

    private Object read(Type type) {
        Class<?> raw = Types.raw(type);
        int c = parser.peek();
        if (raw == Object.class) {
            return readTree();
        }
        if (c == '{') {
            return readObject(type, raw);
        }
        if (c == '[') {
            return readArrayLike(type, raw);
        }
        Object token = parser.readScalar();
        return token == JsonParser.NULL ? Scalars.defaultValue(raw) : fromScalar(token, type, raw);
    }

    private Object readTree() {
        int c = parser.peek();
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            if (enter('{', '}')) {
                do {
                    String name = parser.readName();
                    parser.expect(':');
                    map.put(name, readTree());
                } while (parser.consume(','));
                leave('}');
            }
            return map;
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            readElements(Object.class, list);
            return list;
        }
        Object token = parser.readScalar();
        return token == JsonParser.NULL ? null : token instanceof JsonNumber n ? n.natural() : token;
    }

    private Object readObject(Type type, Class<?> raw) {
        if (Map.class.isAssignableFrom(raw)) {
            return readMap(type, raw);
        }
        if (isContainer(raw) || isValueType(raw)) {
            throw parser.error("Cannot read an object as " + type.getTypeName());
        }
        BeanType bean = BeanType.of(raw);
        return bean.usesCreator() ? readCreator(type, bean) : readBean(type, bean);
    }

    private Object readArrayLike(Type type, Class<?> raw) {
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Collection<Object> collection = newCollection(raw, elementType(type, raw));
            readElements(elementType(type, raw), collection);
            return collection;
        }
        if (raw.isArray()) {
            List<Object> elements = new ArrayList<>();
            readElements(raw.getComponentType(), elements);
            return toArray(raw, elements);
        }
        if (raw.getName().startsWith("java.time.")) {
            List<Object> parts = new ArrayList<>();
            readElements(Object.class, parts);
            Object value = JavaTime.fromArray(raw, parts);
            if (value == null) {
                throw parser.error("Cannot read an array as " + raw.getName());
            }
            return value;
        }
        if (!enter('[', ']')) {
            return Scalars.defaultValue(raw);
        }
        Object value = read(type);
        leave(']');
        return value;
    }

    private Object fromScalar(Object token, Type type, Class<?> raw) {
        boolean empty = "".equals(token);
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Collection<Object> collection = newCollection(raw, elementType(type, raw));
            if (!empty) {
                collection.add(Scalars.convert(token, Types.raw(elementType(type, raw))));
            }
            return empty ? null : collection;
        }
        if (raw.isArray() && raw != byte[].class && raw != char[].class) {
            return empty ? null : toArray(raw, List.of(Scalars.convert(token, raw.getComponentType())));
        }
        if (empty && !raw.isPrimitive() && raw != String.class && raw != CharSequence.class
                && raw != char[].class && raw != byte[].class) {
            return null;
        }
        if (Map.class.isAssignableFrom(raw)) {
            throw parser.error("Cannot read a " + token.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + " as " + type.getTypeName());
        }
        return Scalars.convert(token, raw);
    }

    private Map<Object, Object> readMap(Type type, Class<?> raw) {
        Type[] keyAndValue = Types.typeArguments(type, Map.class);
        Class<?> keyType = Types.raw(keyAndValue[0]);
        Map<Object, Object> map = newMap(raw, keyType);
        if (enter('{', '}')) {
            do {
                String name = parser.readName();
                parser.expect(':');
                Object key = keyType == Object.class || keyType == String.class ? name : Scalars.convert(name, keyType);
                map.put(key, read(keyAndValue[1]));
            } while (parser.consume(','));
            leave('}');
        }
        return map;
    }

    private Object readBean(Type type, BeanType bean) {
        Object instance = bean.newInstance();
        if (enter('{', '}')) {
            do {
                String name = parser.readName();
                parser.expect(':');
                Property property = bean.setter(name);
                if (property == null) {
                    parser.skipValue();
                } else {
                    property.set(instance, read(Types.resolve(property.valueType(), type)));
                }
            } while (parser.consume(','));
            leave('}');
        }
        return instance;
    }

    private Object readCreator(Type type, BeanType bean) {
        Type[] types = bean.creatorTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = Scalars.defaultValue(Types.raw(types[i]));
        }
        if (enter('{', '}')) {
            do {
                String name = parser.readName();
                parser.expect(':');
                int index = bean.creatorIndex(name);
                if (index < 0) {
                    parser.skipValue();
                } else {
                    values[index] = read(Types.resolve(types[index], type));
                }
            } while (parser.consume(','));
            leave('}');
        }
        return bean.create(values);
    }

    private void readElements(Type elementType, Collection<Object> into) {
        if (enter('[', ']')) {
            do {
                into.add(elementType == Object.class ? readTree() : read(elementType));
            } while (parser.consume(','));
            leave(']');
        }
    }

    private static Object toArray(Class<?> arrayType, List<Object> elements) {
        Object array = Array.newInstance(arrayType.getComponentType(), elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            if (element != null || !arrayType.getComponentType().isPrimitive()) {
                Array.set(array, i, element);
            }
        }
        return array;
    }

    private static Type elementType(Type type, Class<?> raw) {
        Type[] args = Types.typeArguments(type, raw == Iterable.class ? Iterable.class : Collection.class);
        return args == null ? Object.class : args[0];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Collection<Object> newCollection(Class<?> raw, Type elementType) {
        if (raw.isAssignableFrom(ArrayList.class)) {
            return new ArrayList<>();
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return new LinkedHashSet<>();
        }
        if (raw.isAssignableFrom(TreeSet.class)) {
            return new TreeSet<>();
        }
        if (raw.isAssignableFrom(LinkedList.class)) {
            return new LinkedList<>();
        }
        if (raw == EnumSet.class) {
            return (Collection) EnumSet.noneOf((Class) Types.raw(elementType));
        }
        return (Collection<Object>) BeanType.of(raw).newInstance();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<Object, Object> newMap(Class<?> raw, Class<?> keyType) {
        if (raw.isAssignableFrom(LinkedHashMap.class)) {
            return new LinkedHashMap<>();
        }
        if (raw.isAssignableFrom(TreeMap.class)) {
            return new TreeMap<>();
        }
        if (raw.isAssignableFrom(ConcurrentHashMap.class)) {
            return new ConcurrentHashMap<>();
        }
        if (raw == EnumMap.class) {
            return new EnumMap(keyType);
        }
        return (Map<Object, Object>) BeanType.of(raw).newInstance();
    }

    /** Types read from a single JSON value rather than an object. */
    private static boolean isValueType(Class<?> raw) {
        return raw.isPrimitive() || raw.isEnum() || raw == String.class || raw == CharSequence.class
                || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class
                || raw.getName().startsWith("java.time.") || raw == java.util.Date.class
                || raw == java.util.UUID.class || raw == java.nio.ByteBuffer.class;
    }

    private static boolean isContainer(Class<?> raw) {
        return raw.isArray() || Collection.class.isAssignableFrom(raw) || raw == Iterable.class;
    }

    /** Opens an object or array; false (and already closed) if it is empty. */
    private boolean enter(char open, char close) {
        parser.expect(open);
        if (parser.consume(close)) {
            return false;
        }
        if (++depth > MAX_DEPTH) {
            throw parser.error("Input nested deeper than " + MAX_DEPTH + " levels");
        }
        return true;
    }

    private void leave(char close) {
        parser.expect(close);
        depth--;
    }
}
