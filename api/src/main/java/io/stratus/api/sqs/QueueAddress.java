package io.stratus.api.sqs;

import io.stratus.model.function.Partition;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names, URLs and ARNs of this server's queues. A queue URL is {@code http://<host>/<account>/<name>} with the host
 * the client used to reach this server, so a queue URL also works as the endpoint; any scheme and host are accepted
 * back, as only the account and the name identify the queue. The ARN is {@code arn:aws:sqs:<region>:<account>:<name>}.
 */
final class QueueAddress {

    /** Standard queue names: SQS's alphabet, 1 to 80 characters. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,80}");
    private static final Pattern URL = Pattern.compile("(?:[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*)?/?(\\d{12})/([^/?#]+)/?");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\\d{12}):(.+)");

    private final Partition partition;

    QueueAddress(Partition partition) {
        this.partition = partition;
    }

    String accountId() {
        return partition.accountId();
    }

    /** The queue URL for a client that reached this server as {@code host} (host and port). */
    String url(String host, String name) {
        return "http://" + host + "/" + partition.accountId() + "/" + name;
    }

    String arn(String name) {
        return "arn:aws:sqs:" + partition.region() + ":" + partition.accountId() + ":" + name;
    }

    /**
     * The queue a {@code QueueUrl} names. A URL of another account names no queue here.
     *
     * @throws io.stratus.model.error.ServiceError QueueDoesNotExist when it is not one of this server's URLs
     */
    String nameOfUrl(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches() || !m.group(1).equals(partition.accountId())) {
            throw SqsErrors.noSuchQueue();
        }
        return m.group(2);
    }

    /** The name of a queue ARN of this server's account and region; empty for any other ARN. */
    Optional<String> nameOfArn(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches() || !m.group(1).equals(partition.region()) || !m.group(2).equals(partition.accountId())) {
            return Optional.empty();
        }
        return Optional.of(m.group(3));
    }
}
