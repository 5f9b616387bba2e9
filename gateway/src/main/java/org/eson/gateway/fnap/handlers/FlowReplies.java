package org.eson.gateway.fnap.handlers;

import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.flows.FlowServiceException;

/** Maps flow-service failures to FNAP replies. */
final class FlowReplies {

    private FlowReplies() {
    }

    static Reply of(FlowServiceException e) {
        return switch (e.reason()) {
            case NO_SUCH_NAMESPACE -> Reply.of(ReplyCodes.NO_SUCH_FLOW, "No such flow namespace");
            case NO_SUCH_FLOW -> Reply.of(ReplyCodes.NO_SUCH_FLOW, "No such flow");
            case INVALID_NAME -> Reply.of(ReplyCodes.INVALID_FLOW_NAME, "Invalid flow name: " + e.getMessage());
            case QUOTA_EXCEEDED -> Reply.of(ReplyCodes.QUOTA_EXCEEDED, "Quota exceeded");
            case BROKER_UNAVAILABLE -> Reply.of(ReplyCodes.BROKER_UNAVAILABLE, "Broker unavailable");
            case BROKER_REFUSED -> Reply.of(ReplyCodes.TRANSACTION_FAILED, "Broker refused: " + singleLine(e.getMessage()));
            case STORE_UNAVAILABLE -> Reply.of(ReplyCodes.BROKER_UNAVAILABLE, "Registry unavailable");
            case NAME_SERVICE_UNAVAILABLE -> Reply.of(ReplyCodes.BROKER_UNAVAILABLE, "Name service unavailable");
            case NAME_SERVICE_REFUSED ->
                    Reply.of(ReplyCodes.TRANSACTION_FAILED, "Name service refused: " + singleLine(e.getMessage()));
        };
    }

    private static String singleLine(String text) {
        String line = text == null ? "unknown reason" : text.replaceAll("[\\r\\n]+", " ");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
