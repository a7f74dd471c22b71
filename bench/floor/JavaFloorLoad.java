/**
 * Floor for Java cold starts: start the JVM (with the flags Stratus gives java21 sandboxes) and load and
 * instantiate the handler class, nothing else.
 * Usage: java -cp HANDLER_CLASSES:HANDLER_LIBS:. JavaFloorLoad example.Hello
 */
public class JavaFloorLoad {
    public static void main(String[] args) throws Exception {
        Class.forName(args[0]).getDeclaredConstructor().newInstance();
    }
}
