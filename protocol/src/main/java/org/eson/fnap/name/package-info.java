/**
 * Flow names (thesis Annex C): a flow is identified by a DNS name, so validation follows DNS
 * host-name rules rather than URI rules, and every name is kept in one canonical lower-case form
 * so that equality, ownership checks and DNS records all agree.
 */
package org.eson.fnap.name;
