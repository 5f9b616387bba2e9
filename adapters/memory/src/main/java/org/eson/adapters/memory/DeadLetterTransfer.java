package org.eson.adapters.memory;

/**
 * An event on its way to the dead-letter flow. The append happens after the source flow's lock
 * is released, because taking the dead-letter flow's lock while holding it could deadlock two
 * flows that dead-letter into each other; this record carries what is needed to finish the move
 * once the source flow's lock is taken again.
 */
record DeadLetterTransfer(ConsumerGroup group, Slot slot) {
}
