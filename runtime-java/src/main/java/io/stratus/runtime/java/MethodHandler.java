package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * A handler named as {@code Class::method}. Supported parameter lists (spec §6.3): {@code ()}, {@code (E)},
 * {@code (Context)}, {@code (E, Context)}, {@code (InputStream, OutputStream)} and
 * {@code (InputStream, OutputStream, Context)}, where an event parameter {@code E} of type {@code InputStream}
 * gets the raw bytes and any other type gets the event read as JSON. With an {@code OutputStream} the response
 * is what the method writes; otherwise it is the return value as JSON ({@code null} for {@code void}).
 */
final class MethodHandler implements Handler {
    /** The parameter layouts a handler method may have. */
    enum Shape {
        NONE, EVENT, CONTEXT, EVENT_CONTEXT, STREAMS, STREAMS_CONTEXT;

        /** The layout of {@code method}'s parameters, or {@code null} if it cannot be a handler. */
        static Shape of(Method method) {
            Class<?>[] p = method.getParameterTypes();
            switch (p.length) {
                case 0:
                    return NONE;
                case 1:
                    return p[0] == Context.class ? CONTEXT : p[0] == OutputStream.class ? null : EVENT;
                case 2:
                    if (p[0] == InputStream.class && p[1] == OutputStream.class) {
                        return STREAMS;
                    }
                    return p[1] == Context.class && p[0] != Context.class && p[0] != OutputStream.class
                            ? EVENT_CONTEXT : null;
                case 3:
                    return p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class
                            ? STREAMS_CONTEXT : null;
                default:
                    return null;
            }
        }
    }

    private final Object target;
    private final Method method;
    private final Shape shape;
    private final Type eventType;
    private final Type resultType;
    private final PojoCodec codec;

    /**
     * @param target the instance, or {@code null} for a static method
     * @param method the handler method, accessible
     * @param types the resolved event type (ignored without an event parameter) and return type
     * @param codec how to read events and write results
     */
    MethodHandler(Object target, Method method, Type[] types, PojoCodec codec) {
        this.target = target;
        this.method = method;
        this.shape = Shape.of(method);
        this.eventType = types[0];
        this.resultType = types[1];
        this.codec = codec;
    }

    @Override
    public byte[] handle(byte[] event, Context context) throws Throwable {
        switch (shape) {
            case STREAMS:
            case STREAMS_CONTEXT:
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                InputStream in = new ByteArrayInputStream(event);
                Object[] arguments = shape == Shape.STREAMS ? new Object[] {in, out} : new Object[] {in, out, context};
                method.invoke(target, arguments);
                return out.toByteArray();
            case NONE:
                return result(method.invoke(target));
            case CONTEXT:
                return result(method.invoke(target, context));
            case EVENT:
                return result(method.invoke(target, argument(event)));
            default:
                return result(method.invoke(target, argument(event), context));
        }
    }

    private Object argument(byte[] event) {
        return eventType == InputStream.class ? new ByteArrayInputStream(event) : codec.read(event, eventType);
    }

    private byte[] result(Object value) {
        return codec.write(method.getReturnType() == void.class ? null : value, resultType);
    }
}
