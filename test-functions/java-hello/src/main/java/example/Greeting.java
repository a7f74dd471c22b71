package example;

/** Result of {@link Pojo}: public fields. */
public class Greeting {
    public String message;
    public boolean adult;
    public String nothing;
}
