/**
 * SASL for FNAP, modelled as steps: a mechanism turns each client response into a
 * {@link org.eson.gateway.fnap.auth.SaslStep} (a challenge, success or failure), so new
 * mechanisms plug in without touching the session state machine.
 */
package org.eson.gateway.fnap.auth;
