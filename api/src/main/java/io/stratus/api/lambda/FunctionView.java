package io.stratus.api.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.model.function.FunctionConfig;
import io.stratus.model.function.FunctionRecord;
import io.stratus.model.function.FunctionState;
import io.stratus.model.function.Partition;
import io.stratus.store.code.CodeBlobs;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders a function version as Lambda's {@code FunctionConfiguration}: every field Lambda fills, members without
 * a value omitted (never {@code null}).
 */
final class FunctionView {

    /** {@code 2024-01-31T12:34:56.789+0000}, as Lambda writes {@code LastModified}. */
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** Which ARN form and which fields a response shows. */
    enum Shape {
        /** Create/Update/Get without qualifier: unqualified ARN, lifecycle fields. */
        UNQUALIFIED,
        /** Get with a qualifier: qualified ARN, lifecycle fields. */
        QUALIFIED,
        /** ListFunctions items: unqualified ARN, no lifecycle fields or runtime version. */
        LIST_ITEM,
        /** ListFunctions with FunctionVersion=ALL: qualified ARN, no lifecycle fields. */
        LIST_ITEM_QUALIFIED
    }

    private final Partition partition;

    FunctionView(Partition partition) {
        this.partition = partition;
    }

    ObjectNode render(FunctionRecord r, Shape shape) {
        return render(r, shape, r.version());
    }

    /**
     * Renders a version; {@code arnQualifier} is what a qualified ARN ends with (the alias name when the version
     * was read through an alias).
     */
    ObjectNode render(FunctionRecord r, Shape shape, String arnQualifier) {
        FunctionConfig c = r.config();
        boolean qualified = shape == Shape.QUALIFIED || shape == Shape.LIST_ITEM_QUALIFIED;
        boolean listItem = shape == Shape.LIST_ITEM || shape == Shape.LIST_ITEM_QUALIFIED;
        ObjectNode o = WireJson.object();
        o.put("FunctionName", r.name());
        o.put("FunctionArn", qualified ? partition.functionArn(r.name(), arnQualifier)
                : partition.functionArn(r.name()));
        o.put("Runtime", c.runtime());
        o.put("Role", c.role());
        o.put("Handler", c.handler());
        o.put("CodeSize", r.code().sizeBytes());
        o.put("Description", c.description());
        o.put("Timeout", c.timeoutSeconds());
        o.put("MemorySize", c.memoryMb());
        o.put("LastModified", LAST_MODIFIED.format(r.lastModified()));
        o.put("CodeSha256", r.code().sha256Base64());
        o.put("Version", r.version());
        c.vpc().ifPresent(v -> {
            ObjectNode vpc = o.putObject("VpcConfig");
            v.subnetIds().forEach(vpc.putArray("SubnetIds")::add);
            v.securityGroupIds().forEach(vpc.putArray("SecurityGroupIds")::add);
            vpc.put("VpcId", "");
            vpc.put("Ipv6AllowedForDualStack", v.ipv6AllowedForDualStack());
        });
        c.deadLetterTargetArn().ifPresent(arn -> o.putObject("DeadLetterConfig").put("TargetArn", arn));
        c.environment().ifPresent(env -> {
            ObjectNode vars = o.putObject("Environment").putObject("Variables");
            env.forEach(vars::put);
        });
        c.kmsKeyArn().ifPresent(arn -> o.put("KMSKeyArn", arn));
        o.putObject("TracingConfig").put("Mode", c.tracingMode());
        o.put("RevisionId", r.revisionId());
        if (!c.layers().isEmpty()) {
            ArrayNode layers = o.putArray("Layers");
            c.layers().forEach(l -> layers.addObject().put("Arn", l.arn()).put("CodeSize", l.code().sizeBytes()));
        }
        if (!listItem) {
            state(o, r.state());
        }
        o.put("PackageType", "Zip");
        o.putArray("Architectures").add(c.architecture());
        o.putObject("EphemeralStorage").put("Size", c.ephemeralStorageMb());
        ObjectNode snapStart = o.putObject("SnapStart");
        snapStart.put("ApplyOn", c.snapStartApplyOn());
        snapStart.put("OptimizationStatus", "Off");
        if (!listItem) {
            o.putObject("RuntimeVersionConfig").put("RuntimeVersionArn", runtimeVersionArn(c.runtime()));
        }
        ObjectNode logging = o.putObject("LoggingConfig");
        logging.put("LogFormat", c.logging().logFormat());
        c.logging().applicationLogLevel().ifPresent(l -> logging.put("ApplicationLogLevel", l));
        c.logging().systemLogLevel().ifPresent(l -> logging.put("SystemLogLevel", l));
        logging.put("LogGroup", c.logging().logGroup());
        return o;
    }

    private static void state(ObjectNode o, FunctionState s) {
        o.put("State", s.state());
        s.stateReason().ifPresent(v -> o.put("StateReason", v));
        s.stateReasonCode().ifPresent(v -> o.put("StateReasonCode", v));
        s.lastUpdateStatus().ifPresent(v -> o.put("LastUpdateStatus", v));
        s.lastUpdateStatusReason().ifPresent(v -> o.put("LastUpdateStatusReason", v));
        s.lastUpdateStatusReasonCode().ifPresent(v -> o.put("LastUpdateStatusReasonCode", v));
    }

    /** A stable runtime-version ARN per runtime id, shaped like Lambda's (64 hex digits, no account). */
    private String runtimeVersionArn(String runtime) {
        String digest = CodeBlobs.sha256Hex(("stratus-runtime:" + runtime).getBytes(StandardCharsets.UTF_8));
        return "arn:aws:lambda:" + partition.region() + "::runtime:" + digest;
    }
}
