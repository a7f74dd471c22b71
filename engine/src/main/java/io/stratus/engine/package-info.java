/** Runs function code: sandboxes, the Runtime API they poll, invocation and function logs. */
package io.stratus.engine;
