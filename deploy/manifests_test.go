// Package deploy holds how the service is shipped: the container test (container-test) and the
// Kubernetes manifests (kubernetes/). Its test reads the manifests offline with the Kubernetes
// API's own Go types, strictly, so that a misspelt or misplaced field fails here rather than
// at kubectl apply.
package deploy

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/server"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/yaml"
)

func read(t *testing.T, name string, into any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("kubernetes", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(b, into); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	// encoding/json matches field names regardless of case, Kubernetes does not: every key of
	// the file must come back, spelt the same, from the typed object.
	var given, typed any
	j, _ := yaml.YAMLToJSON(b)
	json.Unmarshal(j, &given)
	back, _ := json.Marshal(into)
	json.Unmarshal(back, &typed)
	sameKeys(t, name, "", given, typed)
}

// sameKeys reports a key of given that typed does not have with exactly that name.
func sameKeys(t *testing.T, file, path string, given, typed any) {
	switch g := given.(type) {
	case map[string]any:
		tm, _ := typed.(map[string]any)
		for k, v := range g {
			tv, ok := tm[k]
			if !ok {
				t.Errorf("%s: %s.%s is not a field of its type (as spelt)", file, path, k)
				continue
			}
			sameKeys(t, file, path+"."+k, v, tv)
		}
	case []any:
		ta, _ := typed.([]any)
		for i := range g {
			if i < len(ta) {
				sameKeys(t, file, path+"[]", g[i], ta[i])
			}
		}
	}
}

// The manifests decode strictly as the API types they name, the kustomization lists each of
// them, and they say what operations expects: probes on the service's health routes, a grace
// period that covers the preStop pause and the service's own shutdown grace, a locked-down
// security context, resources, tokens from a Secret, and matching selectors.
func TestManifests(t *testing.T) {
	var kust struct {
		APIVersion string   `json:"apiVersion"`
		Kind       string   `json:"kind"`
		Resources  []string `json:"resources"`
		Images     []struct {
			Name   string `json:"name"`
			NewTag string `json:"newTag"`
		} `json:"images"`
	}
	read(t, "kustomization.yaml", &kust)
	for _, r := range kust.Resources {
		if _, err := os.Stat(filepath.Join("kubernetes", r)); err != nil {
			t.Errorf("kustomization names %s: %v", r, err)
		}
	}
	var dep appsv1.Deployment
	var svc corev1.Service
	var hpa autoscalingv2.HorizontalPodAutoscaler
	var pdb policyv1.PodDisruptionBudget
	var secret corev1.Secret
	var packs corev1.ConfigMap
	read(t, "standards.yaml", &packs)
	read(t, "deployment.yaml", &dep)
	read(t, "service.yaml", &svc)
	read(t, "hpa.yaml", &hpa)
	read(t, "pdb.yaml", &pdb)
	read(t, "secret.example.yaml", &secret)
	for obj, kind := range map[string]string{dep.Kind: "Deployment", svc.Kind: "Service", hpa.Kind: "HorizontalPodAutoscaler", pdb.Kind: "PodDisruptionBudget", secret.Kind: "Secret", packs.Kind: "ConfigMap"} {
		if obj != kind {
			t.Errorf("kind %q, want %q", obj, kind)
		}
	}

	pod := dep.Spec.Template
	labels := pod.Labels
	if len(pod.Spec.Containers) != 1 {
		t.Fatalf("%d containers", len(pod.Spec.Containers))
	}
	c := pod.Spec.Containers[0]
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	if c.Ports[0].ContainerPort != 8080 || env["LETTERS_ADDR"].Value != ":8080" {
		t.Error("the container listens on :8080, as the image exposes")
	}
	if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet.Path != "/healthz" || c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
		t.Error("liveness on /healthz, readiness on /readyz")
	}
	grace, err := time.ParseDuration(env["LETTERS_SHUTDOWN_GRACE"].Value)
	if err != nil || c.Lifecycle == nil || c.Lifecycle.PreStop == nil || c.Lifecycle.PreStop.Sleep == nil {
		t.Fatalf("shutdown grace %v, preStop %+v", err, c.Lifecycle)
	}
	if total := time.Duration(*pod.Spec.TerminationGracePeriodSeconds) * time.Second; total <= grace+time.Duration(c.Lifecycle.PreStop.Sleep.Seconds)*time.Second {
		t.Errorf("terminationGracePeriodSeconds %v does not cover the preStop pause and the shutdown grace %v", total, grace)
	}
	sc, psc := c.SecurityContext, pod.Spec.SecurityContext
	if sc == nil || psc == nil || !*psc.RunAsNonRoot || *psc.RunAsUser != 65532 || !*sc.ReadOnlyRootFilesystem ||
		*sc.AllowPrivilegeEscalation || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL" ||
		psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("security context: non-root 65532, read-only root, no privilege escalation, no capabilities, seccomp RuntimeDefault: %+v %+v", sc, psc)
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Cpu().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Error("requests and limits for CPU and memory")
	}
	if env["GOMAXPROCS"].ValueFrom == nil || env["GOMAXPROCS"].ValueFrom.ResourceFieldRef.Resource != "limits.cpu" {
		t.Error("GOMAXPROCS follows the CPU limit")
	}
	tokens := env["LETTERS_API_TOKENS_FILE"].Value
	mounted := false
	for _, m := range c.VolumeMounts {
		for _, v := range pod.Spec.Volumes {
			if v.Name == m.Name && v.Secret != nil && v.Secret.SecretName == secret.Name && strings.HasPrefix(tokens, m.MountPath+"/") {
				if _, ok := secret.StringData[strings.TrimPrefix(tokens, m.MountPath+"/")]; ok && m.ReadOnly {
					mounted = true
				}
			}
		}
	}
	if !mounted {
		t.Errorf("the tokens file %q comes from the Secret %q, mounted read-only", tokens, secret.Name)
	}
	checkPacks(t, pod, c, env, packs, secret)
	if pod.Annotations["prometheus.io/scrape"] != "true" || pod.Annotations["prometheus.io/path"] != "/metrics" {
		t.Error("Prometheus scrapes /metrics")
	}
	matches := func(sel map[string]string) bool {
		for k, v := range sel {
			if labels[k] != v {
				return false
			}
		}
		return len(sel) > 0
	}
	if !matches(dep.Spec.Selector.MatchLabels) || !matches(svc.Spec.Selector) || !matches(pdb.Spec.Selector.MatchLabels) {
		t.Error("the Deployment's, Service's and PodDisruptionBudget's selectors match the pods")
	}
	if hpa.Spec.ScaleTargetRef.Kind != "Deployment" || hpa.Spec.ScaleTargetRef.Name != dep.Name || hpa.Spec.MinReplicas == nil ||
		*hpa.Spec.MinReplicas < 2 || hpa.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU {
		t.Error("the HorizontalPodAutoscaler scales the Deployment on CPU from 2 replicas")
	}
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() < 1 {
		t.Error("the PodDisruptionBudget keeps a replica")
	}
	if svc.Spec.Ports[0].TargetPort.String() != "http" {
		t.Error("the Service sends to the container's http port")
	}
	if len(kust.Images) == 0 || !strings.HasPrefix(c.Image, kust.Images[0].Name+":") {
		t.Error("the kustomization sets the image's tag")
	}
}

// checkPacks: the ConfigMap of packs is mounted read-only where LETTERS_STANDARDS points, every
// key is projected to its place in a pack folder (none left out, none missing), the folder so
// projected is what the service loads without a fault and is, file for file, the pack of
// testdata/standards it copies; and every municipality a token of the Secret is bound to is
// served.
func checkPacks(t *testing.T, pod corev1.PodTemplateSpec, c corev1.Container, env map[string]corev1.EnvVar, packs corev1.ConfigMap, secret corev1.Secret) {
	t.Helper()
	dir := env["LETTERS_STANDARDS"].Value
	var vol *corev1.Volume
	for _, m := range c.VolumeMounts {
		for i, v := range pod.Spec.Volumes {
			if v.Name == m.Name && v.ConfigMap != nil && v.ConfigMap.Name == packs.Name && m.MountPath == dir && m.ReadOnly {
				vol = &pod.Spec.Volumes[i]
			}
		}
	}
	if dir == "" || vol == nil {
		t.Fatalf("LETTERS_STANDARDS %q is not where the ConfigMap %q is mounted read-only", dir, packs.Name)
	}
	if vol.ConfigMap.Optional != nil && *vol.ConfigMap.Optional {
		t.Error("the packs' ConfigMap must not be optional: without it the service would serve other standards than meant")
	}
	fsys := fstest.MapFS{}
	var keys []string
	for _, it := range vol.ConfigMap.Items {
		keys = append(keys, it.Key)
		data, ok := []byte(packs.Data[it.Key]), true
		if _, text := packs.Data[it.Key]; !text {
			data, ok = packs.BinaryData[it.Key]
		}
		if !ok {
			t.Errorf("the volume projects %q, which the ConfigMap does not have", it.Key)
			continue
		}
		if want := strings.Replace(it.Path, "/", ".", -1); it.Key != want || path.Clean(it.Path) != it.Path {
			t.Errorf("the key %q is projected to %q: keys are the path with dots (%q)", it.Key, it.Path, want)
		}
		fsys[it.Path] = &fstest.MapFile{Data: data, Mode: 0o444}
		testdata, err := os.ReadFile(filepath.Join("..", "testdata", "standards", filepath.FromSlash(it.Path)))
		if err != nil || !bytes.Equal(testdata, data) {
			t.Errorf("%s is not testdata/standards/%s: %v", it.Key, it.Path, err)
		}
	}
	for k := range packs.Data {
		if !slices.Contains(keys, k) {
			t.Errorf("the ConfigMap's %q is not projected: it would not be served", k)
		}
	}
	for k := range packs.BinaryData {
		if !slices.Contains(keys, k) {
			t.Errorf("the ConfigMap's %q is not projected: it would not be served", k)
		}
	}
	size := 0
	for _, f := range fsys {
		size += len(f.Data)
	}
	if size > 900<<10 {
		t.Errorf("the packs take %d bytes: a ConfigMap holds at most 1 MiB", size)
	}
	svc, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: dir, Municipality: env["LETTERS_MUNICIPALITY"].Value})
	if err != nil {
		t.Fatalf("the projected packs do not load: %v", err)
	}
	served := svc.Catalog().Municipalities()
	if len(served) < 2 {
		t.Errorf("the manifests serve %v: a second municipality's pack shows the way", served)
	}
	tokens, err := server.ParseTokens(strings.NewReader(secret.StringData["tokens"]))
	if err != nil {
		t.Fatal(err)
	}
	boundTo := map[string]bool{}
	for _, tok := range tokens {
		for _, m := range tok.Municipalities {
			boundTo[m] = true
			if !slices.Contains(served, m) {
				t.Errorf("a token of the Secret is bound to %q, which no served pack is of (%v): the pods would not start", m, served)
			}
		}
	}
	if len(boundTo) < 2 {
		t.Error("the Secret's example binds tokens to municipalities")
	}
}
