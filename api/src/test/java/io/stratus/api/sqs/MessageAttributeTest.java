package io.stratus.api.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQS's attribute digests and filters, checked against values real SQS returned (recorded). */
class MessageAttributeTest {

    @Test
    void digestsMatchTheRecordedOnes() {
        assertThat(MessageAttribute.md5(Map.of("Foo", MessageAttribute.string("Bar"))))
                .hasValue("ae7155c6026991b6d54b11589678bf9c");
        assertThat(MessageAttribute.md5(Map.of("MyAttribute", MessageAttribute.string("foobar"))))
                .hasValue("adb59cd4678ea5a855436b949cd07ab6");
        Map<String, MessageAttribute> three = new LinkedHashMap<>();
        three.put("Hello", MessageAttribute.string("There"));
        three.put("General", MessageAttribute.string("Kenobi"));
        three.put("Help.Me", MessageAttribute.string("Me"));
        assertThat(MessageAttribute.md5(three)).hasValue("4c360f3fdafd970e05fae2f149d997f5");
        assertThat(MessageAttribute.md5(Map.of())).isEmpty();
        assertThat(MessageAttribute.md5Hex("msg".getBytes())).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
    }

    @Test
    void namesSelectAllAPrefixOrExactAttributes() {
        Map<String, MessageAttribute> three = Map.of("Hello", MessageAttribute.string("There"),
                "General", MessageAttribute.string("Kenobi"), "Help.Me", MessageAttribute.string("Me"));
        assertThat(MessageAttribute.select(three, List.of("All"))).hasSize(3);
        assertThat(MessageAttribute.select(three, List.of(".*"))).hasSize(3);
        assertThat(MessageAttribute.select(three, List.of("Hel.*"))).containsOnlyKeys("Hello", "Help.Me");
        assertThat(MessageAttribute.select(three, List.of("Hello", "Nope"))).containsOnlyKeys("Hello");
        assertThat(MessageAttribute.select(three, List.of())).isEmpty();
    }

    @Test
    void storedAttributesReadBackEqual() {
        Map<String, MessageAttribute> attributes = Map.of("n", MessageAttribute.number("42"));
        var read = MessageAttribute.read(MessageAttribute.render(attributes).toString());
        assertThat(MessageAttribute.md5(read)).isEqualTo(MessageAttribute.md5(attributes));
    }

    @Test
    void queueSettingsAreCheckedAsSqsChecksThem() {
        assertThat(QueueSettings.check(Map.of("VisibilityTimeout", "20"))).containsEntry("VisibilityTimeout", "20");
        assertThatThrownBy(() -> QueueSettings.check(Map.of("DelaySeconds", "901")))
                .hasMessage("Invalid value for the parameter DelaySeconds.");
        assertThatThrownBy(() -> QueueSettings.check(Map.of("FifoQueue", "false")))
                .hasMessage("Unknown Attribute FifoQueue.");
        assertThatThrownBy(() -> QueueSettings.check(Map.of("FifoThroughputLimit", "perQueue")))
                .hasMessage("You can specify the FifoThroughputLimit only when FifoQueue is set to true.");
        assertThat(QueueSettings.check(Map.of("RedrivePolicy",
                "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:d\"}")))
                .containsEntry("RedrivePolicy",
                        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:d\",\"maxReceiveCount\":3}");
        assertThatThrownBy(() -> QueueSettings.check(Map.of("RedrivePolicy",
                "{\"maxReceiveCount\":0,\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:d\"}")))
                .hasMessageContaining("Invalid value for maxReceiveCount: 0");
    }

    @Test
    void receiptHandlesOfAnotherQueueOrGarbageAreInvalid() {
        String handle = new ReceiptHandle("q", 7, "abc").encode();
        assertThat(ReceiptHandle.decode(handle, "q")).isEqualTo(new ReceiptHandle("q", 7, "abc"));
        assertThatThrownBy(() -> ReceiptHandle.decode(handle, "other"))
                .hasMessageContaining("is not a valid receipt handle");
        assertThatThrownBy(() -> ReceiptHandle.decode("!!", "q")).hasMessageContaining("is not a valid receipt");
    }
}
