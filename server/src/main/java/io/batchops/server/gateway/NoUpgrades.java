package io.batchops.server.gateway;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Serves a request that asks to upgrade the connection (Java's HttpClient asks for {@code h2c} by
 * default) as the plain HTTP/1.1 request it also is, as HTTP allows. Grizzly would otherwise pass its
 * body on raw and never end it, so that the request hung until the read timed out.
 */
public final class NoUpgrades implements AddOn {
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        chain.add(chain.indexOfType(HttpServerFilter.class), new BaseFilter() {
            @Override
            public NextAction handleEvent(FilterChainContext context, FilterChainEvent event) throws IOException {
                if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
                    HttpHeader request = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
                    request.setIgnoreContentModifiers(false);
                    request.getUpgradeDC().recycle();
                    return context.getStopAction();
                }
                return context.getInvokeAction();
            }
        });
    }
}
