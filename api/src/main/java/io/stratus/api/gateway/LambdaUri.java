package io.stratus.api.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an {@code AWS_PROXY} integration invokes, read from its {@code integrationUri}: either the function
 * ARN (optionally qualified) or API Gateway's
 * {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations} form.
 */
final class LambdaUri {

    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?");
    private static final Pattern INVOCATIONS = Pattern.compile(
            "arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(.+)/invocations");

    private LambdaUri() {
    }

    /** The function ARN the URI names, if it names one in either form. */
    static Optional<String> functionArn(String integrationUri) {
        Matcher m = INVOCATIONS.matcher(integrationUri);
        String arn = m.matches() ? m.group(1) : integrationUri;
        return FUNCTION_ARN.matcher(arn).matches() ? Optional.of(arn) : Optional.empty();
    }
}
