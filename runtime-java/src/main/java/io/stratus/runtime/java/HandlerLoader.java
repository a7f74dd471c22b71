package io.stratus.runtime.java;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.stratus.runtime.java.json.Types;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/**
 * Resolves a handler string (spec §6.3) to a {@link Handler}.
 *
 * <p>{@code pkg.Class} must implement {@link RequestStreamHandler} (checked first) or {@link RequestHandler};
 * the event type is {@code RequestHandler}'s first type argument as the class binds it ({@code Object} if it
 * stays open). {@code pkg.Class::method} picks among the public methods of that name with a supported
 * parameter list ({@link MethodHandler.Shape}): non-bridge before bridge, then more parameters, a trailing
 * {@code Context} counting extra; remaining ties go to the most derived declaring class, then the first by
 * signature text. The class is initialized here, and an instance is made through its public no-argument
 * constructor unless the method is static.
 *
 * <p>Failures are thrown as the exception a Java developer would expect: {@link ClassNotFoundException}
 * ("Class not found: pkg.Class"), {@link NoSuchMethodException}, {@link InstantiationException},
 * {@link ExceptionInInitializerError} ("Error loading class pkg.Class: <cause>", with the static
 * initializer's frames), the constructor's own exception (wrapped in an
 * {@code InvocationTargetException}), {@link IllegalArgumentException} for a malformed handler string, and any
 * {@link LinkageError} as the JVM raised it.
 */
final class HandlerLoader {
    private HandlerLoader() {
    }

    static Handler load(String handler, ClassLoader loader) throws ReflectiveOperationException {
        int separator = handler.lastIndexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? null : handler.substring(separator + 2);
        if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
            throw fault(new IllegalArgumentException("Handler '" + handler
                    + "' is not of the form package.Class or package.Class::method"));
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw fault(new ClassNotFoundException("Class not found: " + className));
        } catch (ExceptionInInitializerError e) {
            // Same type, but a message naming the class and the initializer's exception, and that exception's
            // frames as the trace (this error type cannot take a cause next to a message).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            ExceptionInInitializerError failure = new ExceptionInInitializerError("Error loading class " + className
                    + ": " + cause);
            failure.setStackTrace(cause.getStackTrace());
            throw failure;
        }
        return methodName == null ? forClass(type, loader) : forMethod(type, methodName, loader);
    }

    /**
     * Marks an error this loader diagnosed itself by clearing its stack trace (frames of the runtime only):
     * {@link ErrorReport} then leaves the trace out, as AWS's client does for such faults.
     */
    private static <T extends Throwable> T fault(T error) {
        error.setStackTrace(new StackTraceElement[0]);
        return error;
    }

    @SuppressWarnings("unchecked")
    private static Handler forClass(Class<?> type, ClassLoader loader) throws ReflectiveOperationException {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            return new StreamHandler((RequestStreamHandler) instantiate(type));
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            return new PojoHandler((RequestHandler<Object, Object>) instantiate(type),
                    Types.typeArguments(type, RequestHandler.class), PojoCodec.forClassLoader(loader));
        }
        throw fault(new NoSuchMethodException("Class " + type.getName() + " implements neither RequestHandler nor "
                + "RequestStreamHandler; name the handler method as " + type.getName() + "::method"));
    }

    private static Handler forMethod(Class<?> type, String name, ClassLoader loader)
            throws ReflectiveOperationException {
        Method best = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(name) && MethodHandler.Shape.of(candidate) != null
                    && (best == null || better(candidate, best))) {
                best = candidate;
            }
        }
        if (best == null) {
            throw fault(new NoSuchMethodException("No public method named " + name + " with a supported parameter "
                    + "list on class " + type.getName()));
        }
        best.trySetAccessible();
        Object target = Modifier.isStatic(best.getModifiers()) ? null : instantiate(type);
        Type event = best.getParameterCount() > 0 ? Types.resolve(best.getGenericParameterTypes()[0], type) : null;
        Type result = Types.resolve(best.getGenericReturnType(), type);
        return new MethodHandler(target, best, new Type[] {event, result}, PojoCodec.forClassLoader(loader));
    }

    private static boolean better(Method candidate, Method best) {
        int difference = rank(candidate) - rank(best);
        if (difference != 0) {
            return difference > 0;
        }
        Class<?> declaredBy = candidate.getDeclaringClass();
        Class<?> bestDeclaredBy = best.getDeclaringClass();
        if (declaredBy != bestDeclaredBy) {
            return bestDeclaredBy.isAssignableFrom(declaredBy);
        }
        return candidate.toGenericString().compareTo(best.toGenericString()) < 0;
    }

    private static int rank(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean context = parameters.length > 0
                && parameters[parameters.length - 1] == com.amazonaws.services.lambda.runtime.Context.class;
        return (method.isBridge() ? 0 : 16) + parameters.length * 2 + (context ? 1 : 0);
    }

    private static Object instantiate(Class<?> type) throws ReflectiveOperationException {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw fault(new InstantiationException("Class " + type.getName() + " is abstract"));
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw fault(new InstantiationException("Class " + type.getName() + " is a non-static inner class"));
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw fault(new InstantiationException("Class " + type.getName()
                    + " has no public no-argument constructor"));
        }
        constructor.trySetAccessible();
        return constructor.newInstance();
    }
}
