package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Type;

/** A {@link RequestHandler}: the event read as its input type, the result written as JSON. */
final class PojoHandler implements Handler {
    private final RequestHandler<Object, Object> handler;
    private final Type inputType;
    private final Type outputType;
    private final PojoCodec codec;

    PojoHandler(RequestHandler<Object, Object> handler, Type[] inputAndOutput, PojoCodec codec) {
        this.handler = handler;
        this.inputType = inputAndOutput[0];
        this.outputType = inputAndOutput[1];
        this.codec = codec;
    }

    @Override
    public byte[] handle(byte[] event, Context context) {
        Object result = handler.handleRequest(codec.read(event, inputType), context);
        return codec.write(result, outputType);
    }
}
