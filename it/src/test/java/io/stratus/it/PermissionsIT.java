package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.testkit.StratusProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** AddPermission, RemovePermission and GetPolicy: Lambda's statements, errors and per-qualifier policies. */
class PermissionsIT extends ServerFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statementsTakeLambdasShapeForEveryKindOfPrincipal() throws Exception {
        createActive("perm-shape");
        JsonNode service = statement(lambda.addPermission(r -> r.functionName("perm-shape").statementId("s3")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::my-bucket")));
        assertThat(service.toString()).isEqualTo("{\"Sid\":\"s3\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + arn("perm-shape")
                + "\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::my-bucket\"}}}");
        JsonNode account = statement(lambda.addPermission(r -> r.functionName("perm-shape").statementId("account-id")
                .action("lambda:InvokeFunction").principal("111122223333")));
        assertThat(account.get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(account.has("Condition")).isFalse();
        JsonNode wildcard = statement(lambda.addPermission(r -> r.functionName("perm-shape").statementId("url")
                .action("lambda:InvokeFunctionUrl").principal("*").sourceAccount(ACCOUNT)
                .functionUrlAuthType(FunctionUrlAuthType.NONE).principalOrgID("o-1234567890")
                .sourceArn("arn:aws:s3:::b")));
        assertThat(wildcard.get("Principal").asText()).isEqualTo("*");
        assertThat(wildcard.get("Condition").toString()).isEqualTo("{\"StringEquals\":{\"AWS:SourceAccount\":\""
                + ACCOUNT + "\",\"lambda:FunctionUrlAuthType\":\"NONE\",\"aws:PrincipalOrgID\":\"o-1234567890\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::b\"}}");
        JsonNode alexa = statement(lambda.addPermission(r -> r.functionName("perm-shape").statementId("alexaSkill")
                .action("lambda:InvokeFunction").principal("*").eventSourceToken("amzn1.ask.skill.x-y")));
        assertThat(alexa.get("Condition").toString())
                .isEqualTo("{\"StringEquals\":{\"lambda:EventSourceToken\":\"amzn1.ask.skill.x-y\"}}");
        JsonNode user = statement(lambda.addPermission(r -> r.functionName("perm-shape").statementId("user-arn")
                .action("lambda:*").principal("arn:aws:iam::111122223333:user/ada")));
        assertThat(user.get("Principal").get("AWS").asText()).isEqualTo("arn:aws:iam::111122223333:user/ada");

        GetPolicyResponse policy = lambda.getPolicy(r -> r.functionName("perm-shape"));
        JsonNode document = JSON.readTree(policy.policy());
        assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(document.get("Id").asText()).isEqualTo("default");
        assertThat(document.get("Statement").size()).isEqualTo(5);
        assertThat(document.get("Statement").get(0)).isEqualTo(service);
        assertThat(policy.revisionId()).isNotBlank();
    }

    @Test
    void removingStatementsChangesTheRevisionAndTheLastOneRemovesThePolicy() throws Exception {
        createActive("perm-remove");
        lambda.addPermission(r -> r.functionName("perm-remove").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com"));
        lambda.addPermission(r -> r.functionName("perm-remove").statementId("sqs").action("lambda:InvokeFunction")
                .principal("sqs.amazonaws.com"));
        String before = lambda.getPolicy(r -> r.functionName("perm-remove")).revisionId();
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("perm-remove")
                .statementId("non-existent")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Statement non-existent is not found in resource policy.");
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("perm-remove").statementId("sqs")
                .revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageStartingWith("The Revision Id provided does not match the latest Revision Id. Call the"
                        + " GetFunction/GetAlias API to retrieve the latest Revision Id");
        lambda.removePermission(r -> r.functionName("perm-remove").statementId("sqs").revisionId(before));
        GetPolicyResponse after = lambda.getPolicy(r -> r.functionName("perm-remove"));
        assertThat(after.revisionId()).isNotEqualTo(before);
        assertThat(JSON.readTree(after.policy()).get("Statement").size()).isEqualTo(1);
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-remove").statementId("again")
                .action("lambda:InvokeFunction").principal("sns.amazonaws.com").revisionId(before)))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageStartingWith("The Revision Id provided does not match the latest Revision Id. Call the"
                        + " GetPolicy API to retrieve the latest Revision Id");
        lambda.removePermission(r -> r.functionName("perm-remove").statementId("s3"));
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("perm-remove")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource you requested does not exist.");
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("perm-remove").statementId("s3")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("No policy is associated with the given resource.");
    }

    @Test
    void badRequestsGetLambdasErrors() {
        createActive("perm-errors");
        lambda.publishVersion(r -> r.functionName("perm-errors"));
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors").statementId("example.com")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageStartingWith("1 validation error detected: Value 'example.com' at 'statementId' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName(arn("perm-errors") + ":1")
                .qualifier("2").statementId("s").action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The derived qualifier from the function name does not match the specified"
                        + " qualifier.");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors").qualifier("$LATEST")
                .statementId("s").action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("We currently do not support adding policies for $LATEST.");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors").statementId("s")
                .action("lambda:InvokeFunction").principal("invalid principal!")))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors").statementId("s")
                .action("lambda:InvokeFunction").principal("not-a-principal")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The provided principal was invalid. Please check the principal and try"
                        + " again.");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("doesnotexist").statementId("s")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("doesnotexist"));
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors").qualifier("42")
                .statementId("s").action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: " + arn("perm-errors") + ":42");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors")
                .qualifier("alias-doesnotexist").statementId("s").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Cannot find alias arn: " + arn("perm-errors") + ":alias-doesnotexist");
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("doesnotexist")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource you requested does not exist.");
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("perm-errors").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource you requested does not exist.");
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("doesnotexist").statementId("s")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("No policy found for: " + arn("doesnotexist"));
        lambda.addPermission(r -> r.functionName("perm-errors").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com"));
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("perm-errors").statementId("s3")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageStartingWith("The statement id (s3) provided already exists. Please provide a new"
                        + " statement id, or remove the existing statement.");
        String big = "arn:aws:s3:::" + "b".repeat(1000);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 40; i++) {
                int n = i;
                lambda.addPermission(r -> r.functionName("perm-errors").statementId("big" + n)
                        .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn(big));
            }
        }).isInstanceOf(software.amazon.awssdk.services.lambda.model.PolicyLengthExceededException.class)
                .hasMessageContaining("is bigger than the limit (20480)");
    }

    @Test
    void eachQualifierHasItsOwnPolicyWhichGoesWithIt() throws Exception {
        createActive("perm-qual");
        lambda.publishVersion(r -> r.functionName("perm-qual"));
        lambda.createAlias(r -> r.functionName("perm-qual").name("live").functionVersion("1"));
        lambda.addPermission(r -> r.functionName("perm-qual").statementId("root").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com"));
        lambda.addPermission(r -> r.functionName("perm-qual").qualifier("1").statementId("v1")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com"));
        lambda.addPermission(r -> r.functionName(arn("perm-qual") + ":live").statementId("alias")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com"));
        assertThat(sids("perm-qual", null)).containsExactly("root");
        assertThat(sids("perm-qual", "$LATEST")).containsExactly("root");
        assertThat(sids("perm-qual", "1")).containsExactly("v1");
        assertThat(sids("perm-qual", "live")).containsExactly("alias");
        assertThat(JSON.readTree(lambda.getPolicy(r -> r.functionName("perm-qual").qualifier("live")).policy())
                .get("Statement").get(0).get("Resource").asText()).isEqualTo(arn("perm-qual") + ":live");

        lambda.deleteAlias(r -> r.functionName("perm-qual").name("live"));
        lambda.createAlias(r -> r.functionName("perm-qual").name("live").functionVersion("1"));
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("perm-qual").qualifier("live")))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.deleteAlias(r -> r.functionName("perm-qual").name("live"));
        lambda.deleteFunction(r -> r.functionName("perm-qual").qualifier("1"));
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("perm-qual").qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.deleteFunction(r -> r.functionName("perm-qual"));
        createActive("perm-qual");
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("perm-qual")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void policiesSurviveARestart() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("stratus-perm-").resolve("data");
        String revision;
        try (StratusProcess first = StratusProcess.start(data); LambdaClient client = client(first.endpoint())) {
            client.createFunction(nodeFunction("perm-durable").build());
            client.waiter().waitUntilFunctionActiveV2(r -> r.functionName("perm-durable"));
            client.addPermission(r -> r.functionName("perm-durable").statementId("events")
                    .action("lambda:InvokeFunction").principal("events.amazonaws.com")
                    .sourceArn("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/r"));
            revision = client.getPolicy(r -> r.functionName("perm-durable")).revisionId();
        }
        try (StratusProcess second = StratusProcess.start(data); LambdaClient client = client(second.endpoint())) {
            GetPolicyResponse policy = client.getPolicy(r -> r.functionName("perm-durable"));
            assertThat(policy.revisionId()).isEqualTo(revision);
            assertThat(JSON.readTree(policy.policy()).get("Statement").get(0).get("Sid").asText())
                    .isEqualTo("events");
        }
    }

    private java.util.List<String> sids(String function, String qualifier) throws Exception {
        GetPolicyResponse policy = lambda.getPolicy(r -> r.functionName(function).qualifier(qualifier));
        java.util.List<String> sids = new java.util.ArrayList<>();
        JSON.readTree(policy.policy()).get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
        return sids;
    }

    private static JsonNode statement(AddPermissionResponse response) throws Exception {
        return JSON.readTree(response.statement());
    }
}
