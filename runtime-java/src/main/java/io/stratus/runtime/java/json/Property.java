package io.stratus.runtime.java.json;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * One readable or writable bean property: a getter, a setter or a public field. Immutable; the reflective
 * members are made accessible once, when the owning {@link BeanType} is built.
 */
final class Property {
    private final String name;
    private final Method method;
    private final Field field;

    private Property(String name, Method method, Field field) {
        this.name = name;
        this.method = method;
        this.field = field;
    }

    static Property ofMethod(String name, Method method) {
        method.trySetAccessible();
        return new Property(name, method, null);
    }

    static Property ofField(Field field) {
        field.trySetAccessible();
        return new Property(field.getName(), null, field);
    }

    /** The JSON name this property is written under. */
    String name() {
        return name;
    }

    /** For a writable property: the declared (unresolved) type a value must have. */
    Type valueType() {
        return method != null ? method.getGenericParameterTypes()[0] : field.getGenericType();
    }

    /** For a readable property: the declared (unresolved) type of its value. */
    Type readType() {
        return method != null ? method.getGenericReturnType() : field.getGenericType();
    }

    Object get(Object bean) {
        try {
            return method != null ? method.invoke(bean) : field.get(bean);
        } catch (InvocationTargetException e) {
            throw new JsonException("Getter for '" + name + "' of " + bean.getClass().getName() + " failed",
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new JsonException("Cannot read '" + name + "' of " + bean.getClass().getName(), e);
        }
    }

    void set(Object bean, Object value) {
        try {
            if (method != null) {
                method.invoke(bean, value);
            } else {
                field.set(bean, value);
            }
        } catch (InvocationTargetException e) {
            throw new JsonException("Setter for '" + name + "' of " + bean.getClass().getName() + " failed",
                    e.getCause());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new JsonException("Cannot set '" + name + "' of " + bean.getClass().getName(), e);
        }
    }
}
