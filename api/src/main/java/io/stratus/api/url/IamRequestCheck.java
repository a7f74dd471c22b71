package io.stratus.api.url;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.api.http.HttpExchange;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a request to an {@code AWS_IAM} function URL carries AWS credentials, and describes the caller
 * for {@code requestContext.authorizer.iam}.
 *
 * <p>For now it only requires a SigV4 {@code Authorization} header (or a presigned query string) and trusts its
 * access key id; it does not verify the signature. Verification arrives with request signing and replaces the body
 * of {@link #caller}; nothing else needs to change.
 */
final class IamRequestCheck {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Za-z0-9]+)/");
    private static final Pattern PRESIGNED = Pattern.compile("(?:^|&)X-Amz-Credential=([A-Za-z0-9]+)(?:%2F|/)");

    private final String accountId;

    IamRequestCheck(String accountId) {
        this.accountId = accountId;
    }

    /** The {@code authorizer} object for a signed request; empty when the request is not signed. */
    Optional<ObjectNode> caller(HttpExchange exchange) {
        Optional<String> accessKey = exchange.header("Authorization")
                .filter(a -> a.startsWith("AWS4-HMAC-SHA256 "))
                .flatMap(a -> group(CREDENTIAL.matcher(a)))
                .or(() -> group(PRESIGNED.matcher(exchange.rawQueryString())));
        return accessKey.map(this::authorizer);
    }

    private ObjectNode authorizer(String accessKey) {
        ObjectNode authorizer = WireJson.object();
        ObjectNode iam = authorizer.putObject("iam");
        iam.put("accessKey", accessKey);
        iam.put("accountId", accountId);
        iam.put("callerId", accessKey);
        iam.putNull("cognitoIdentity");
        iam.putNull("principalOrgId");
        iam.put("userArn", "arn:aws:iam::" + accountId + ":root");
        iam.put("userId", accountId);
        return authorizer;
    }

    private static Optional<String> group(Matcher m) {
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
