/** Serves the web console's static files (its bundle comes from the {@code stratus-console} module). */
package io.stratus.api.console;
