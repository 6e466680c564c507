/**
 * The Linux epoll selector backend for curio, bound through {@code java.lang.foreign}: epoll, eventfd and
 * the socket system calls on raw file descriptors, no JNI. Run with
 * {@code --enable-native-access=curio.selector.epoll} to keep the JDK from warning about it.
 *
 * @provides curio.api.spi.SelectorProvider the {@code "epoll"} backend
 */
module curio.selector.epoll {
    requires curio.api;

    provides curio.api.spi.SelectorProvider with curio.selector.epoll.EpollSelectorProvider;
}
