/** The {@code stratus} process: command line, configuration, wiring of every module, start and stop order. */
package io.stratus.server;
