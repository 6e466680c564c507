package curio.selector.epoll;

import curio.api.spi.SelectorProvider;
import curio.test.SelectorContract;

/** The selector contract every backend passes, run against epoll. */
class EpollContractTest extends SelectorContract {

    @Override
    protected SelectorProvider provider() {
        return new EpollSelectorProvider();
    }
}
