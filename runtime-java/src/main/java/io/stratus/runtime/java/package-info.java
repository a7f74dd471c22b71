/**
 * The Java runtime client: loads a handler from the function's code and serves invocations over the Runtime
 * API, in the function's own JVM.
 *
 * <p>Owns the start-up ({@link io.stratus.runtime.java.Bootstrap}), a pre-started runtime's adoption of its
 * function's environment, the HTTP client, handler resolution, the {@code Context}, error reports and the
 * training run for class-data archives. JDK and
 * {@code aws-lambda-java-core} only: it must not depend on any other Stratus module, a logging library, or
 * anything that costs start-up time (no {@code java.net.http}, no Jackson, no lambdas or indy string
 * concatenation on the start path). Everything it prints goes to the function's log.
 */
package io.stratus.runtime.java;
