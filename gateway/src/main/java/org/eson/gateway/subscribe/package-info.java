/**
 * Subscriptions across participants (thesis 4.2 and 7.4.3). A user of gateway B sends
 * {@code SUBSCRIBE <remote-flow> LOCAL <local-flow>}; B finds the remote flow's FNAA in the Flow
 * Name Service, logs in there with the credentials configured for that peer ({@code fnaa.peers}),
 * asks for a copy flow ({@code SUBSCRIBE <remote-flow>}), describes it, and starts a bridge
 * processor from the copy (on A's broker, through an attached adapter) to its local flow. A, for
 * its part, checks the account may read the flow, creates the copy flow like {@code CREATE FLOW}
 * and bridges the flow into it. Either side can end it: {@code UNSUBSCRIBE} at B, {@code REVOKE}
 * at A, which B notices through a periodic {@code DESCRIBE} of the copy.
 */
package org.eson.gateway.subscribe;
