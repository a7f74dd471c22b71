package io.stratus.model.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.error.AccessDeniedException;
import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.model.error.ResourceNotFoundException;
import io.stratus.model.error.ValidationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionRefTest {

    private static final Partition HERE = new Partition("000000000000", "us-east-1");

    private static FunctionRef read(String name, String qualifier) {
        return FunctionRef.parse(name, Optional.ofNullable(qualifier), FunctionRef.Form.READ, HERE);
    }

    @Test
    void bareNamePartialArnAndFullArnNameTheSameFunction() {
        assertThat(read("fn", null)).isEqualTo(new FunctionRef("fn", Optional.empty()));
        assertThat(read("000000000000:function:fn", null).name()).isEqualTo("fn");
        assertThat(read("arn:aws:lambda:us-east-1:000000000000:function:fn:7", null))
                .isEqualTo(new FunctionRef("fn", Optional.of("7")));
        assertThat(read("fn:$LATEST", "$LATEST").isLatest()).isTrue();
    }

    @Test
    void qualifierInArnMustMatchParameter() {
        assertThatThrownBy(() -> read("arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST", "1"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessage("The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void otherRegionIsNotReachableAndOtherAccountIsDenied() {
        assertThatThrownBy(() -> read("arn:aws:lambda:ap-southeast-1:000000000000:function:fn", null))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')");
        assertThatThrownBy(() -> read("arn:aws:lambda:us-east-1:123456789012:function:fn", null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void patternViolationsAreReportedQualifierFirst() {
        assertThatThrownBy(() -> read("my-function!", "a".repeat(129)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("2 validation errors detected: Value '" + "a".repeat(129)
                        + "' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal"
                        + " to 128; Value 'my-function!' at 'functionName'");
        assertThatThrownBy(() -> read("fn", "invalid!"))
                .hasMessage("1 validation error detected: Value 'invalid!' at 'qualifier' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: "
                        + "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
    }

    @Test
    void longBareNameIsInvalidParameterOnlyOnCreate() {
        String longName = "a".repeat(65);
        assertThat(read(longName, null).name()).isEqualTo(longName);
        assertThatThrownBy(() -> FunctionRef.parse(longName, Optional.empty(), FunctionRef.Form.CREATE, HERE))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageEndingWith("Member must have length less than or equal to 64");
    }
}
