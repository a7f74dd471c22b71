package io.stratus.api.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.JsonBody;
import io.stratus.api.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One message attribute: a data type ({@code String}, {@code Number} or {@code Binary}, each optionally with a
 * {@code .custom} suffix) and its value. Also the attribute-map operations SQS defines: validation, the size that
 * counts against the message size limit, and {@code MD5OfMessageAttributes}. Immutable.
 *
 * @param dataType    the data type as sent
 * @param stringValue the value of a String or Number attribute
 * @param binaryValue the value of a Binary attribute
 */
record MessageAttribute(String dataType, Optional<String> stringValue, Optional<byte[]> binaryValue) {

    static final int MAX_ATTRIBUTES = 10;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    private static final Pattern TYPE = Pattern.compile("(String|Number|Binary)(\\.[^\\s]{1,255})?");

    /** A String attribute. */
    static MessageAttribute string(String value) {
        return new MessageAttribute("String", Optional.of(value), Optional.empty());
    }

    /** A Number attribute. */
    static MessageAttribute number(String value) {
        return new MessageAttribute("Number", Optional.of(value), Optional.empty());
    }

    boolean binary() {
        return dataType.startsWith("Binary");
    }

    /** Reads and checks the {@code MessageAttributes} member of a request. */
    static Map<String, MessageAttribute> parse(Optional<Map<String, JsonBody>> member) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonBody> e : member.orElse(Map.of()).entrySet()) {
            out.put(e.getKey(), parse(e.getKey(), e.getValue()));
        }
        check(out);
        return out;
    }

    private static MessageAttribute parse(String name, JsonBody value) {
        String type = value.string("DataType").orElseThrow(() -> SqsErrors.invalidParameter(
                "The message attribute '" + name + "' must contain non-empty message attribute type."));
        if (!TYPE.matcher(type).matches()) {
            throw SqsErrors.invalidParameter("The type of message (user) attribute '" + name
                    + "' is invalid. You must use only the following supported type prefixes: Binary, Number,"
                    + " String.");
        }
        if (type.startsWith("Binary")) {
            byte[] bytes = value.string("BinaryValue").map(b -> Base64.getDecoder().decode(b)).orElse(new byte[0]);
            if (bytes.length == 0) {
                throw emptyValue(name, "Binary");
            }
            return new MessageAttribute(type, Optional.empty(), Optional.of(bytes));
        }
        String text = value.string("StringValue").orElse("");
        if (text.isEmpty()) {
            throw emptyValue(name, type.startsWith("Number") ? "Number" : "String");
        }
        if (type.startsWith("Number") && !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw SqsErrors.invalidParameter("Can't cast the value of message (user) attribute '" + name
                    + "' to a number.");
        }
        return new MessageAttribute(type, Optional.of(text), Optional.empty());
    }

    private static RuntimeException emptyValue(String name, String type) {
        return SqsErrors.invalidParameter("Message (user) attribute '" + name
                + "' must contain a non-empty value of type '" + type + "'.");
    }

    private static void check(Map<String, MessageAttribute> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw SqsErrors.invalidParameter("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
        }
        for (String name : attributes.keySet()) {
            if (!NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                    || name.toLowerCase(java.util.Locale.ROOT).startsWith("aws.")
                    || name.toLowerCase(java.util.Locale.ROOT).startsWith("amazon.")) {
                throw SqsErrors.invalidParameter("Message (user) attribute name '" + name + "' is invalid.");
            }
        }
    }

    /** Bytes that count against the message size: each attribute's name, type and value. */
    static long size(Map<String, MessageAttribute> attributes) {
        long size = 0;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            size += utf8(e.getKey()).length + utf8(a.dataType).length + a.valueBytes().length;
        }
        return size;
    }

    private byte[] valueBytes() {
        return binaryValue.orElseGet(() -> utf8(stringValue.orElse("")));
    }

    /**
     * SQS's {@code MD5OfMessageAttributes}: attributes in name order, each as its length-prefixed name, length-prefixed
     * type, a transport byte (1 for text, 2 for binary) and its length-prefixed value; lengths are 4-byte big-endian.
     */
    static Optional<String> md5(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            lengthPrefixed(out, utf8(e.getKey()));
            lengthPrefixed(out, utf8(a.dataType));
            out.write(a.binary() ? 2 : 1);
            lengthPrefixed(out, a.valueBytes());
        }
        return Optional.of(md5Hex(out.toByteArray()));
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The wire (and stored) form of an attribute map. */
    static ObjectNode render(Map<String, MessageAttribute> attributes) {
        ObjectNode o = WireJson.object();
        attributes.forEach((name, a) -> {
            ObjectNode v = o.putObject(name);
            v.put("DataType", a.dataType);
            a.stringValue.ifPresent(s -> v.put("StringValue", s));
            a.binaryValue.ifPresent(b -> v.put("BinaryValue", Base64.getEncoder().encodeToString(b)));
        });
        return o;
    }

    /** Reads a stored attribute map. */
    static Map<String, MessageAttribute> read(String stored) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        try {
            JsonNode node = WireJson.MAPPER.readTree(stored);
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                out.put(e.getKey(), new MessageAttribute(v.path("DataType").asText(),
                        Optional.ofNullable(v.get("StringValue")).map(JsonNode::asText),
                        Optional.ofNullable(v.get("BinaryValue")).map(b -> Base64.getDecoder().decode(b.asText()))));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored message attributes are not JSON", e);
        }
        return out;
    }

    /**
     * The attributes ReceiveMessage returns for {@code MessageAttributeNames}: {@code All} or {@code .*} for all, a
     * name ending in {@code .*} for a prefix, otherwise exact names.
     */
    static Map<String, MessageAttribute> select(Map<String, MessageAttribute> attributes, List<String> names) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            for (String wanted : names) {
                boolean all = wanted.equals("All") || wanted.equals(".*");
                boolean prefix = wanted.endsWith(".*") && name.startsWith(wanted.substring(0, wanted.length() - 2));
                if (all || prefix || wanted.equals(name)) {
                    out.put(name, a);
                    return;
                }
            }
        });
        return out;
    }
}
