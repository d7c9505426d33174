import type { ReactiveController } from 'lit';

/**
 * The base of the controllers that work only while their host is on the page: it keeps `connected` and calls
 * `connectionChanged()` each time the host enters or leaves the page. A subclass adds itself to its host.
 */
export abstract class OnPageController implements ReactiveController {
  /** Whether the host is on the page now. */
  protected connected = false;

  hostConnected(): void {
    this.connected = true;
    this.connectionChanged();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.connectionChanged();
  }

  /** Starts or stops the work as `connected` says. */
  protected abstract connectionChanged(): void;
}
