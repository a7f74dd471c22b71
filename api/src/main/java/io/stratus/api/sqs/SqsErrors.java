package io.stratus.api.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.ApiResponse;
import io.stratus.api.WireJson;
import io.stratus.model.error.AwsException;
import io.stratus.model.error.ServiceError;
import java.util.Map;

/**
 * SQS's errors and how they go on the wire. SQS speaks JSON 1.0 but stays compatible with its older query
 * protocol: the body names the JSON error shape ({@code "__type":"com.amazonaws.sqs#QueueDoesNotExist"}) and the
 * {@code x-amzn-query-error} header carries the query-protocol code and fault ({@code
 * AWS.SimpleQueueService.NonExistentQueue;Sender}), which SDKs and the CLI report as the error code. Both names of
 * every error here are as recorded against real SQS.
 */
final class SqsErrors {

    /** JSON shape name → query-protocol code. */
    private static final Map<String, String> QUERY_CODES = Map.ofEntries(
            Map.entry("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
            Map.entry("QueueNameExists", "QueueAlreadyExists"),
            Map.entry("InvalidParameterValueException", "InvalidParameterValue"),
            Map.entry("MissingRequiredParameterException", "MissingParameter"),
            Map.entry("InvalidAttributeName", "InvalidAttributeName"),
            Map.entry("InvalidAttributeValue", "InvalidAttributeValue"),
            Map.entry("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
            Map.entry("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
            Map.entry("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
            Map.entry("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"),
            Map.entry("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"),
            Map.entry("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress"),
            Map.entry("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid"),
            Map.entry("InvalidMessageContents", "InvalidMessageContents"),
            Map.entry("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"),
            Map.entry("InvalidAddress", "InvalidAddress"),
            Map.entry("InternalException", "InternalError"));

    private SqsErrors() {
    }

    /** The JSON 1.0 rendering of an error, with its query-protocol header when SQS has one. */
    static ApiResponse render(AwsException e) {
        ObjectNode body = WireJson.object();
        String type = e.errorType();
        String code = QUERY_CODES.get(type);
        body.put("__type", code == null ? type : "com.amazonaws.sqs#" + type);
        if (e.getMessage() != null) {
            body.put("message", e.getMessage());
        }
        ApiResponse response = ApiResponse.json(e.httpStatus(), body);
        if (code != null) {
            response = response.withHeader("x-amzn-query-error", code + ";" + (e.userFault() ? "Sender" : "Receiver"));
        }
        return response;
    }

    /** The query-protocol code of an error, as batch results report it in {@code Code}. */
    static String queryCode(AwsException e) {
        return QUERY_CODES.getOrDefault(e.errorType(), e.errorType());
    }

    static ServiceError noSuchQueue() {
        return sender("QueueDoesNotExist", "The specified queue does not exist.");
    }

    static ServiceError invalidParameter(String message) {
        return sender("InvalidParameterValueException", message);
    }

    /** {@code Value <value> for parameter <name> is invalid. Reason: <reason>}, as SQS words it. */
    static ServiceError invalidValue(Object value, String parameter, String reason) {
        return invalidParameter("Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
    }

    static ServiceError missing(String parameter) {
        return sender("MissingRequiredParameterException", "The request must contain the parameter " + parameter
                + ".");
    }

    static ServiceError unknownAttribute(String name) {
        return sender("InvalidAttributeName", "Unknown Attribute " + name + ".");
    }

    static ServiceError invalidAttributeValue(String name) {
        return sender("InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
    }

    static ServiceError invalidReceipt(String receipt) {
        return sender("ReceiptHandleIsInvalid", "The input receipt handle \"" + receipt
                + "\" is not a valid receipt handle.");
    }

    /** A client error of the JSON shape {@code type}. */
    static ServiceError sender(String type, String message) {
        return new ServiceError(type.equals("PurgeQueueInProgress") ? 403 : 400, type, message);
    }
}
