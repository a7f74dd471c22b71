/** The Java runtime client: loads a handler from the function's code and serves invocations over the Runtime API. */
package io.stratus.runtime.java;
