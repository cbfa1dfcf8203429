/* lwIP for the mps2-an386 board firmware: no operating system (NO_SYS, raw API
   polled from the main loop), IPv4 with ARP, TCP, UDP and DNS, two interfaces
   (the radio's access point and station) and all memory static. */
#pragma once

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DNS 1
#define LWIP_DHCP 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_SINGLE_NETIF 0
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define IP_REASSEMBLY 0
#define IP_FRAG 0
#define LWIP_STATS 0
#define LWIP_NOASSERT_ON_ERROR 1

#define MEM_ALIGNMENT 4
#define MEM_SIZE (32 * 1024)
#define MEMP_NUM_TCP_PCB 10
#define MEMP_NUM_TCP_PCB_LISTEN 4
#define MEMP_NUM_UDP_PCB 4
#define MEMP_NUM_PBUF 16
#define MEMP_NUM_TCP_SEG 32
#define PBUF_POOL_SIZE 24
#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS)
#define TCP_SND_BUF (4 * TCP_MSS)
#define TCP_SND_QUEUELEN 16
#define DNS_MAX_SERVERS 1
#define ARP_TABLE_SIZE 16

#ifdef __cplusplus
extern "C" {
#endif
unsigned int onboard_lwip_random(void);
#ifdef __cplusplus
}
#endif
#define LWIP_RAND() onboard_lwip_random()
