/** What only the web console keeps: saved test events per function. */
package io.stratus.store.console;
