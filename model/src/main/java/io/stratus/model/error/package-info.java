/**
 * The one sealed hierarchy of errors the platform reports to clients, named and shaped as AWS names and
 * shapes them. Depends on nothing but the JDK; only the API layer turns these into HTTP.
 */
package io.stratus.model.error;
