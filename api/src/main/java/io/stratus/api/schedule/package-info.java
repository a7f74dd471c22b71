/**
 * Scheduled EventBridge rules: rate() and cron() expressions, the scheduler's (optionally sped-up) clock, and the
 * scheduler that fires rules' targets through the Lambda API's {@code FunctionInvoker}. Does not depend on Jetty.
 */
package io.stratus.api.schedule;
