// Command apiserver runs Kubernetes' own kube-apiserver (k8s.io/kubernetes, cmd/kube-apiserver) in one process
// with an embedded etcd, so the project's tests and `npm run apiserver` need no binary downloads.
//
//	apiserver --data-dir DIR --etcd-client-port N --etcd-peer-port M -- <kube-apiserver flags>
//
// etcd listens on loopback only and keeps its data in DIR/etcd. The service-account signing key the API server
// requires is generated once into DIR/sa.key. SIGTERM shuts the API server down gracefully, then etcd.
package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"
	_ "time/tzdata" // as cmd/kube-apiserver: CronJob time zones

	"go.etcd.io/etcd/server/v3/embed"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	dataDir := flag.String("data-dir", "", "directory for etcd's data and the service-account key (required)")
	clientPort := flag.Int("etcd-client-port", 0, "loopback port of etcd's client API (required)")
	peerPort := flag.Int("etcd-peer-port", 0, "loopback port of etcd's peer API (required)")
	flag.Parse()
	if *dataDir == "" || *clientPort == 0 || *peerPort == 0 {
		fmt.Fprintln(os.Stderr, "apiserver: --data-dir, --etcd-client-port and --etcd-peer-port are required")
		os.Exit(64)
	}

	etcd, err := startEtcd(*dataDir, *clientPort, *peerPort)
	if err != nil {
		fmt.Fprintln(os.Stderr, "apiserver: etcd:", err)
		os.Exit(1)
	}
	keyFile, err := serviceAccountKey(*dataDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "apiserver: service-account key:", err)
		etcd.Close()
		os.Exit(1)
	}

	command := app.NewAPIServerCommand()
	command.SetArgs(append([]string{
		"--etcd-servers=" + etcd.Config().AdvertiseClientUrls[0].String(),
		"--service-account-key-file=" + keyFile,
		"--service-account-signing-key-file=" + keyFile,
	}, flag.Args()...))
	// The API server handles SIGTERM itself (graceful shutdown); etcd stops after it returns.
	code := cli.Run(command)
	etcd.Close()
	os.Exit(code)
}

func startEtcd(dataDir string, clientPort, peerPort int) (*embed.Etcd, error) {
	cfg := embed.NewConfig()
	cfg.Name = "apiserver"
	cfg.Dir = filepath.Join(dataDir, "etcd")
	clientURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", clientPort)}
	peerURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peerPort)}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{clientURL}, []url.URL{clientURL}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peerURL}, []url.URL{peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.LogOutputs = []string{filepath.Join(dataDir, "etcd.log")}
	// A throw-away single-member store for tests and local use: durability across power loss is not needed.
	cfg.UnsafeNoFsync = true

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, err
	case <-time.After(60 * time.Second):
		e.Close()
		return nil, errors.New("not ready after 60 s (see etcd.log)")
	}
}

func serviceAccountKey(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "sa.key")
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return path, err
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}
