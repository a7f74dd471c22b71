/**
 * A small reflection-based JSON mapper for handler events and results: a parser that binds straight to
 * {@link java.lang.reflect.Type}s (maps, lists, arrays, scalars, beans, records) and a writer.
 *
 * <p>It replaces Jackson inside the runtime client because loading Jackson costs about 250 ms on a cold JVM,
 * more than the rest of the client. Behaviour follows how AWS's Java runtime configures its serializer:
 * case-insensitive property names, standard bean naming, unknown properties ignored, {@code null} bean
 * properties left out of the output. JDK only; must not depend on the rest of the runtime client.
 */
package io.stratus.runtime.java.json;
