/**
 * The HTTP face of every control-plane API: routing, request reading with size limits, and the one boundary
 * where typed errors become AWS-shaped HTTP responses. Subpackages hold one AWS service each.
 */
package io.stratus.api;
