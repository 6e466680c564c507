package curio.selector.nio;

import curio.api.spi.SelectorProvider;
import curio.testkit.SelectorContract;

/** The selector contract every backend passes, run against nio. */
class NioContractTest extends SelectorContract {

    @Override
    protected SelectorProvider provider() {
        return new NioSelectorProvider();
    }
}
