package io.stratus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.function.Partition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyStatementTest {

    private static final Partition PARTITION = new Partition("000000000000", "us-east-1");
    private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

    private static PolicyStatement.Grant grant(String action, String principal, Optional<String> sourceArn,
                                               Optional<String> urlAuth) {
        return new PolicyStatement.Grant("sid", action, principal, sourceArn, Optional.empty(), Optional.empty(),
                Optional.empty(), urlAuth);
    }

    @Test
    void aServiceGrantWithASourceArnPatternAllowsOnlyMatchingResources() {
        ObjectNode s = PolicyStatement.build(grant("lambda:InvokeFunction", "apigateway.amazonaws.com",
                Optional.of("arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/hello"), Optional.empty()),
                FN, PARTITION);
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.service("apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:000000000000:abc123/default/GET/hello"), PARTITION)).isTrue();
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.service("apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:000000000000:zzz999/default/GET/hello"), PARTITION)).isFalse();
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.service("events.amazonaws.com",
                "arn:aws:execute-api:us-east-1:000000000000:abc123/default/GET/hello"), PARTITION)).isFalse();
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.functionUrl("apigateway.amazonaws.com", "NONE"),
                PARTITION)).isFalse();
    }

    @Test
    void functionUrlGrantsNeedTheUrlActionAndAuthType() {
        ObjectNode s = PolicyStatement.build(grant("lambda:InvokeFunctionUrl", "*", Optional.empty(),
                Optional.of("NONE")), FN, PARTITION);
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.functionUrl("*", "NONE"), PARTITION)).isTrue();
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.functionUrl("*", "AWS_IAM"), PARTITION))
                .isFalse();
        ObjectNode invokeOnly = PolicyStatement.build(grant("lambda:InvokeFunction", "*", Optional.empty(),
                Optional.empty()), FN, PARTITION);
        assertThat(PolicyStatement.allows(invokeOnly, FunctionInvoker.Caller.functionUrl("*", "NONE"), PARTITION))
                .isFalse();
        ObjectNode everything = PolicyStatement.build(grant("lambda:*", "*", Optional.empty(), Optional.empty()),
                FN, PARTITION);
        assertThat(PolicyStatement.allows(everything, FunctionInvoker.Caller.functionUrl("*", "NONE"), PARTITION))
                .isTrue();
    }

    @Test
    void accountPrincipalsCoverTheAccountsIdentities() {
        ObjectNode s = PolicyStatement.build(grant("lambda:InvokeFunction", "111122223333", Optional.empty(),
                Optional.empty()), FN, PARTITION);
        assertThat(s.get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        FunctionInvoker.Caller user = new FunctionInvoker.Caller("arn:aws:iam::111122223333:user/ada",
                "lambda:InvokeFunction", Optional.empty(), Optional.empty());
        FunctionInvoker.Caller other = new FunctionInvoker.Caller("arn:aws:iam::999999999999:user/eve",
                "lambda:InvokeFunction", Optional.empty(), Optional.empty());
        assertThat(PolicyStatement.allows(s, user, PARTITION)).isTrue();
        assertThat(PolicyStatement.allows(s, other, PARTITION)).isFalse();
    }

    @Test
    void unknownPrincipalsAreRefused() {
        assertThatThrownBy(() -> PolicyStatement.build(grant("lambda:InvokeFunction", "bob", Optional.empty(),
                Optional.empty()), FN, PARTITION)).isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void conditionsThisPlatformCannotEvaluateNeverMatch() {
        ObjectNode s = PolicyStatement.build(new PolicyStatement.Grant("sid", "lambda:InvokeFunction", "*",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("o-1234567890"), Optional.empty()),
                FN, PARTITION);
        assertThat(PolicyStatement.allows(s, FunctionInvoker.Caller.service("s3.amazonaws.com", "arn:aws:s3:::b"),
                PARTITION)).isFalse();
    }
}
