package io.stratus.model.function;

import java.util.Objects;

/**
 * A layer version as a function uses it: its ARN and the package it held when the function attached it. The
 * package is kept with the function because a layer version may be deleted later, and functions that already use
 * it keep running on it, as in Lambda.
 *
 * @param arn  the layer version ARN, {@code arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION}
 * @param code the layer's zip in the code store
 */
public record FunctionLayer(String arn, CodeRef code) {

    public FunctionLayer {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(code, "code");
    }
}
