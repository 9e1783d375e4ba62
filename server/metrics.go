package server

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, on a registry of its own. No label ever holds
// request data: routes are patterns, rules are codes, and a municipality is the id of a served
// pack's municipality (the one whose standard the letter was checked under; "" for a request
// without a letter), so the number of series is bounded by the packs served.
type metrics struct {
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	renderTime *prometheus.HistogramVec
	failures   *prometheus.CounterVec
	inFlight   prometheus.Gauge
}

func newMetrics(queue func() float64) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "letters_http_requests_total", Help: "HTTP requests by route, status and the municipality of the letter's standard.",
		}, []string{"route", "status", "municipality"}),
		renderTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "letters_render_duration_seconds", Help: "Time to compose and draw one letter.",
			Buckets: []float64{.00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"format", "municipality"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "letters_validation_failures_total", Help: "Errors found in letters, by rule code and municipality.",
		}, []string{"rule", "municipality"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "letters_renders_in_flight", Help: "Letters being drawn now.",
		}),
	}
	waiting := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "letters_render_queue_length", Help: "Letters waiting for a render slot.",
	}, queue)
	m.registry.MustRegister(m.requests, m.renderTime, m.failures, m.inFlight, waiting,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return func(c *gin.Context) { h.ServeHTTP(c.Writer, c.Request) }
}

// count records a finished request.
func (m *metrics) count(route string, status int, municipality string) {
	m.requests.WithLabelValues(route, strconv.Itoa(status), municipality).Inc()
}

// rendering measures one drawing; call the returned func when it ends.
func (m *metrics) rendering(format, municipality string) func() {
	m.inFlight.Inc()
	start := time.Now()
	return func() {
		m.inFlight.Dec()
		m.renderTime.WithLabelValues(format, municipality).Observe(time.Since(start).Seconds())
	}
}
