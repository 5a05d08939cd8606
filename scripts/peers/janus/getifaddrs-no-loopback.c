/*
 * Janus (through libnice) leaves out interfaces flagged IFF_LOOPBACK when it
 * gathers ICE candidates, so a Janus on one test machine offers nothing a
 * peer on 127.0.0.1 can reach. Preloaded into Janus only, this getifaddrs
 * clears that flag on "lo"; with ice_enforce_list = "lo" Janus then offers
 * 127.0.0.1 and nothing else. Test use only.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <string.h>

int getifaddrs(struct ifaddrs **list) {
    int (*system_getifaddrs)(struct ifaddrs **) = (int (*)(struct ifaddrs **))dlsym(RTLD_NEXT, "getifaddrs");
    int result = system_getifaddrs(list);
    if (result == 0) {
        for (struct ifaddrs *entry = *list; entry != NULL; entry = entry->ifa_next) {
            if (entry->ifa_name != NULL && strcmp(entry->ifa_name, "lo") == 0) entry->ifa_flags &= ~IFF_LOOPBACK;
        }
    }
    return result;
}
