// Live events from the bridge, routed by type to whoever registered for them: the app keeps the chat list and the
// bell, the open chat view its timeline, the call manager `call.*`, the assistant `ai.*`. A view registers when it
// opens and lets go when it closes, so no one switch has to know every view.
export class EventRouter {
  constructor() {
    this.handlers = new Map(); // type or 'prefix.*' -> Set of handlers
  }

  /**
   * Registers handlers by event type (`'message.new'`) or type prefix (`'call.*'`); each gets (data, type).
   * Returns the function that unregisters all of them.
   */
  on(table) {
    const added = Object.entries(table).map(([type, handler]) => {
      if (!this.handlers.has(type)) this.handlers.set(type, new Set());
      this.handlers.get(type).add(handler);
      return [type, handler];
    });
    return () => { for (const [type, handler] of added) this.handlers.get(type).delete(handler); };
  }

  /** Calls every handler of the event's type, then every handler of its prefix, each in the order registered. */
  dispatch({ type, data }) {
    if (typeof type !== 'string') return;
    const dot = type.indexOf('.');
    const keys = dot > 0 ? [type, type.slice(0, dot) + '.*'] : [type];
    for (const key of keys) {
      for (const handler of [...(this.handlers.get(key) || [])]) handler(data, type);
    }
  }
}
