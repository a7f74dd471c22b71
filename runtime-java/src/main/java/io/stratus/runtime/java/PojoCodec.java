package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import io.stratus.runtime.java.json.Json;
import io.stratus.runtime.java.json.JsonException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Turns events into handler arguments and results into response bodies for non-stream handlers: the built-in
 * JSON mapper, or the user's {@link CustomPojoSerializer} when the function's code registers one through
 * {@code META-INF/services} (the first one found wins). Stateless.
 */
final class PojoCodec {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final String SERVICE_FILE = "META-INF/services/" + CustomPojoSerializer.class.getName();

    private final CustomPojoSerializer custom;

    private PojoCodec(CustomPojoSerializer custom) {
        this.custom = custom;
    }

    /**
     * The codec for the function's code, looking for a custom serializer on its class path. The resource probe
     * comes first because {@link ServiceLoader} alone costs about 10 ms of cold start.
     */
    static PojoCodec forClassLoader(ClassLoader loader) {
        boolean absent = loader instanceof FunctionClassLoader function ? !function.hasOwnResource(SERVICE_FILE)
                : loader.getResource(SERVICE_FILE) == null;
        if (absent) {
            return new PojoCodec(null);
        }
        Iterator<CustomPojoSerializer> found = ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
        return new PojoCodec(found.hasNext() ? found.next() : null);
    }

    /**
     * Reads the event as {@code type}; an empty payload is {@code null}.
     *
     * @throws RuntimeException naming the type if the event does not fit
     */
    Object read(byte[] event, Type type) {
        if (custom != null) {
            return custom.fromJson(new ByteArrayInputStream(event), type);
        }
        if (event.length == 0) {
            return null;
        }
        try {
            return Json.read(event, 0, event.length, type);
        } catch (JsonException e) {
            throw new RuntimeException("Unable to read the event as " + type.getTypeName() + ": " + e.getMessage(),
                    e.getCause());
        }
    }

    /**
     * Writes a result; {@code null} becomes {@code null}.
     *
     * @throws RuntimeException naming the type if the result cannot be written
     */
    byte[] write(Object result, Type type) {
        if (custom != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            custom.toJson(result, out, type);
            return out.toByteArray();
        }
        if (result == null) {
            return NULL.clone();
        }
        try {
            return Json.write(result);
        } catch (JsonException e) {
            throw new RuntimeException("Unable to write the result of type " + result.getClass().getName()
                    + " as JSON: " + e.getMessage(), e.getCause());
        }
    }
}
