package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/** A {@link RequestStreamHandler}: raw event bytes in, whatever it writes out. */
final class StreamHandler implements Handler {
    private final RequestStreamHandler handler;

    StreamHandler(RequestStreamHandler handler) {
        this.handler = handler;
    }

    @Override
    public byte[] handle(byte[] event, Context context) throws Throwable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }
}
