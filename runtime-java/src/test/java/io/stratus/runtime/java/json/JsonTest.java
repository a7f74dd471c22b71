package io.stratus.runtime.java.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    enum Color { RED, GREEN }

    public static class Person {
        private String name;
        private int age;
        public List<String> tags;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    public static class Box<T> {
        public T value;
        public List<T> values;
    }

    public static class PersonBox extends Box<Person> {
    }

    public static class Event {
        private List<String> records;
        private String detailType;
        public Color color;
        public Date when;

        public List<String> getRecords() {
            return records;
        }

        public void setRecords(List<String> records) {
            this.records = records;
        }

        public String getDetailType() {
            return detailType;
        }

        public void setDetailType(String detailType) {
            this.detailType = detailType;
        }
    }

    public static class ReadOnly {
        private List<String> items;

        public List<String> getItems() {
            return items;
        }
    }

    public static final class Immutable {
        private final String key;
        private final Long size;

        public Immutable(String key, Long size) {
            this.key = key;
            this.size = size;
        }

        public String getKey() {
            return key;
        }

        public Long getSize() {
            return size;
        }
    }

    public record Point(int x, String label) {
    }

    public static class Output {
        public String present = "p";
        public String absent;

        public String getURL() {
            return "u";
        }

        public boolean isActive() {
            return true;
        }
    }

    public static class Cycle {
        public Cycle self = this;
    }

    private static Object read(String json, Type type) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Json.read(bytes, 0, bytes.length, type);
    }

    private static String write(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private static Type listOf(Type element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    @Test
    void untypedTreeUsesTheSmallestNumberTypeThatFits() {
        Object tree = read("{\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":1.5,"
                + "\"s\":\"x\",\"t\":true,\"n\":null,\"a\":[1,{}]}", Object.class);

        assertThat(tree).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> map = (Map<?, ?>) tree;
        assertThat(map.get("i")).isEqualTo(1);
        assertThat(map.get("l")).isEqualTo(12345678901L);
        assertThat(map.get("b")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("d")).isEqualTo(1.5);
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("a")).isEqualTo(Arrays.asList(1, Map.of()));
    }

    @Test
    void beanIsFilledThroughSettersAndPublicFieldsIgnoringUnknownNames() {
        Person person = (Person) read("{\"name\":\"Ann\",\"age\":\"30\",\"tags\":[\"a\"],\"other\":{\"x\":[1]}}",
                Person.class);

        assertThat(person.getName()).isEqualTo("Ann");
        assertThat(person.getAge()).isEqualTo(30);
        assertThat(person.tags).containsExactly("a");
    }

    @Test
    void namesMatchExactlyThenIgnoringCaseDashesAndUnderscores() {
        Event event = (Event) read("{\"Records\":[\"r\"],\"detail-type\":\"Scheduled Event\"}", Event.class);

        assertThat(event.getRecords()).containsExactly("r");
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
    }

    @Test
    void typeVariablesResolveThroughTheGenericSuperclass() {
        PersonBox box = (PersonBox) read("{\"value\":{\"name\":\"A\"},\"values\":[{\"name\":\"B\"}]}",
                PersonBox.class);

        assertThat(box.value.getName()).isEqualTo("A");
        assertThat(box.values.get(0).getName()).isEqualTo("B");
    }

    @Test
    void recordsAndImmutableClassesAreBuiltThroughTheirConstructors() {
        assertThat(read("{\"label\":\"l\",\"x\":3}", Point.class)).isEqualTo(new Point(3, "l"));

        Immutable immutable = (Immutable) read("{\"key\":\"k\",\"size\":5}", Immutable.class);
        assertThat(immutable.getKey()).isEqualTo("k");
        assertThat(immutable.getSize()).isEqualTo(5L);
    }

    @Test
    void getterOnlyPropertyIsFilledThroughItsField() {
        ReadOnly readOnly = (ReadOnly) read("{\"items\":[\"a\",\"b\"]}", ReadOnly.class);

        assertThat(readOnly.getItems()).containsExactly("a", "b");
    }

    @Test
    void singleValuesBecomeListsAndOneElementArraysUnwrap() {
        assertThat(read("\"one\"", listOf(String.class))).isEqualTo(List.of("one"));
        assertThat(read("[7]", Integer.class)).isEqualTo(7);
        assertThat(read("[]", Person.class)).isNull();
        assertThat(read("\"\"", Person.class)).isNull();
    }

    @Test
    void unknownEnumNamesReadAsNull() {
        Event event = (Event) read("{\"color\":\"PURPLE\"}", Event.class);

        assertThat(event.color).isNull();
        assertThat(((Event) read("{\"color\":\"GREEN\"}", Event.class)).color).isEqualTo(Color.GREEN);
    }

    @Test
    void datesReadFromMillisEpochSecondsAndIsoText() {
        assertThat(((Event) read("{\"when\":1700000000123}", Event.class)).when.getTime()).isEqualTo(1700000000123L);
        assertThat(((Event) read("{\"when\":1479499740}", Event.class)).when.getTime()).isEqualTo(1479499740000L);
        assertThat(((Event) read("{\"when\":1545084650.987}", Event.class)).when.getTime()).isEqualTo(1545084650987L);
        assertThat(((Event) read("{\"when\":\"2019-09-03T19:37:27.192Z\"}", Event.class)).when.toInstant())
                .isEqualTo(Instant.parse("2019-09-03T19:37:27.192Z"));
    }

    @Test
    void objectCannotBeReadAsString() {
        assertThatThrownBy(() -> read("{\"a\":1}", String.class))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("Cannot read an object as java.lang.String");
    }

    @Test
    void malformedInputNamesTheOffset() {
        assertThatThrownBy(() -> read("{\"a\":1", Object.class))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("at offset 6");
        assertThatThrownBy(() -> read("[1] x", Object.class)).hasMessageContaining("end of the input");
    }

    @Test
    void lenientSyntaxIsAccepted() {
        Object tree = read("{'single':'q', bare: NaN, \"esc\":\"\\q\\u00e9\"}", Object.class);

        assertThat(tree).isEqualTo(Map.of("single", "q", "bare", Double.NaN, "esc", "qé"));
    }

    @Test
    void bigDecimalKeepsEveryDigit() {
        Box<?> box = (Box<?>) read("{\"value\":0.1000000000000000000001}", new BoxOfBigDecimal().getClass()
                .getGenericSuperclass());

        assertThat(box.value).isEqualTo(new BigDecimal("0.1000000000000000000001"));
    }

    static class BoxOfBigDecimal extends Box<BigDecimal> {
    }

    @Test
    void deepNestingIsRejectedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> read(deep, Object.class)).hasMessageContaining("nested deeper than 1000");
    }

    @Test
    void beansLeaveOutNullPropertiesAndMapsLeaveOutNullValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bean", new Output());
        map.put("gone", null);
        map.put("list", Arrays.asList(1, null));

        // Getter-only properties follow field-backed ones, in the JVM's (unspecified) method order.
        assertThat(read(write(map), Object.class)).isEqualTo(Map.of(
                "bean", Map.of("present", "p", "URL", "u", "active", true), "list", Arrays.asList(1, null)));
        assertThat(write(map)).startsWith("{\"bean\":{\"present\":\"p\",");
    }

    @Test
    void valuesAreWrittenAsAwsSerializerWritesThem() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", new Date(1700000000123L));
        map.put("instant", Instant.ofEpochSecond(1700000000L, 5_000_000));
        map.put("day", LocalDate.of(2024, 1, 2));
        map.put("color", Color.RED);
        map.put("bytes", new byte[] {1, 2, 3});
        map.put("nan", Double.NaN);
        map.put("record", new Point(1, null));
        map.put("chars", new char[] {'a', 'b'});

        assertThat(write(map)).isEqualTo("{\"date\":1700000000123,\"instant\":1700000000.005000000,\"day\":[2024,1,2],"
                + "\"color\":\"RED\",\"bytes\":\"AQID\",\"nan\":\"NaN\",\"record\":{\"x\":1},\"chars\":\"ab\"}");
    }

    @Test
    void stringsEscapeControlCharactersAndKeepOtherUnicode() {
        assertThat(write("a\"\\\n\u0001é😀")).isEqualTo("\"a\\\"\\\\\\n\\u0001é😀\"");
    }

    @Test
    void writtenStringsReadBackUnchanged() {
        List<Object> values = new ArrayList<>(List.of("tab\there", "é😀", "\u2028", "quote\"", "back\\slash"));

        assertThat(read(write(values), Object.class)).isEqualTo(values);
    }

    @Test
    void cyclesFailInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> write(new Cycle()))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("refer to itself");
    }
}
