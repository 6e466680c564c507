package curio.selector.nio;

import curio.api.spi.SelectorProvider;
import curio.test.SelectorContract;

/** The selector contract every backend passes, run against nio. */
class NioContractTest extends SelectorContract {

    @Override
    protected SelectorProvider provider() {
        return new NioSelectorProvider();
    }
}
