// A readers-writer lock that prefers writers: once a writer waits, new readers queue behind it.
// std::shared_mutex on glibc prefers readers, so a steady stream of searches can starve add/remove
// forever; this wraps a pthread rwlock of kind PREFER_WRITER_NONRECURSIVE instead. It meets the
// SharedMutex requirements, so std::unique_lock and std::shared_lock work with it.
#pragma once

#include <pthread.h>

#include <system_error>

namespace propos::search_detail {

class WriterPreferringMutex {
public:
    WriterPreferringMutex() {
        pthread_rwlockattr_t attr;
        pthread_rwlockattr_init(&attr);
        pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        const int rc = pthread_rwlock_init(&lock_, &attr);
        pthread_rwlockattr_destroy(&attr);
        if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_rwlock_init");
    }
    ~WriterPreferringMutex() { pthread_rwlock_destroy(&lock_); }
    WriterPreferringMutex(const WriterPreferringMutex&) = delete;
    WriterPreferringMutex& operator=(const WriterPreferringMutex&) = delete;

    void lock() { check(pthread_rwlock_wrlock(&lock_)); }
    bool try_lock() { return pthread_rwlock_trywrlock(&lock_) == 0; }
    void unlock() { pthread_rwlock_unlock(&lock_); }
    void lock_shared() { check(pthread_rwlock_rdlock(&lock_)); }
    bool try_lock_shared() { return pthread_rwlock_tryrdlock(&lock_) == 0; }
    void unlock_shared() { pthread_rwlock_unlock(&lock_); }

private:
    static void check(int rc) {
        if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_rwlock");
    }
    pthread_rwlock_t lock_;
};

}  // namespace propos::search_detail
