package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/** {@code example.Pojo}: {"name":"Ann","age":30} → {"message":"Hello, Ann (30)","adult":true}. */
public class Pojo implements RequestHandler<Person, Greeting> {
    @Override
    public Greeting handleRequest(Person person, com.amazonaws.services.lambda.runtime.Context context) {
        Greeting greeting = new Greeting();
        greeting.message = "Hello, " + person.getName() + " (" + person.getAge() + ")";
        greeting.adult = person.getAge() >= 18;
        return greeting;
    }
}
