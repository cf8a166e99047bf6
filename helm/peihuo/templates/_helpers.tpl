{{/* Names, labels and the pieces every pod of the chart shares. */}}

{{- define "peihuo.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "peihuo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "peihuo.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "peihuo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "api"). */}}
{{- define "peihuo.selector" -}}
app.kubernetes.io/name: {{ include "peihuo.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "peihuo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "peihuo.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "peihuo.secretName" -}}
{{- default (include "peihuo.fullname" .) .Values.existingSecret -}}
{{- end -}}

{{- define "peihuo.image" -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end -}}

{{/* The pod's security context: never root, the runtime's default seccomp profile. */}}
{{- define "peihuo.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Each container's: no privilege escalation, a read-only root, no capabilities. */}}
{{- define "peihuo.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* One secret key as an environment variable: (dict "root" $ "name" "PEIHUO_X" "key" "x"). */}}
{{- define "peihuo.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "peihuo.secretName" .root }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* The bearer token /metrics asks for, when the Secret holds one (api and worker pods). */}}
{{- define "peihuo.metricsEnv" -}}
{{ include "peihuo.secretEnv" (dict "root" . "name" "PEIHUO_METRICS_TOKEN" "key" "metrics-token" "optional" true) }}
{{- end -}}

{{/* What the API, workers and scheduler read: settings and the secrets they need. */}}
{{- define "peihuo.appEnv" -}}
{{ include "peihuo.secretEnv" (dict "root" . "name" "PEIHUO_DATABASE_URL" "key" "database-url") }}
{{ include "peihuo.secretEnv" (dict "root" . "name" "PEIHUO_REDIS_URL" "key" "redis-url") }}
{{ include "peihuo.secretEnv" (dict "root" . "name" "PEIHUO_SECRET_KEY" "key" "secret-key") }}
{{ include "peihuo.secretEnv" (dict "root" . "name" "PEIHUO_WEBHOOK_SECRET" "key" "webhook-secret") }}
{{- end -}}

{{/* The pod-level parts every pod shares. */}}
{{- define "peihuo.podCommon" -}}
serviceAccountName: {{ include "peihuo.serviceAccountName" . }}
automountServiceAccountToken: false
securityContext:
  {{- include "peihuo.podSecurityContext" . | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}

{{/* Pod template metadata: labels, and a checksum that rolls the pods when settings change. */}}
{{- define "peihuo.podMetadata" -}}
labels:
  {{- include "peihuo.labels" .root | nindent 2 }}
  app.kubernetes.io/component: {{ .component }}
  {{- with .root.Values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
annotations:
  checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
  {{- if not .root.Values.existingSecret }}
  checksum/secret: {{ include (print .root.Template.BasePath "/secret.yaml") .root | sha256sum }}
  {{- end }}
  {{- if and .metricsPort .root.Values.metrics.scrapeAnnotations }}
  prometheus.io/scrape: "true"
  prometheus.io/port: {{ .metricsPort | quote }}
  prometheus.io/path: /metrics
  {{- end }}
  {{- with .root.Values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}

{{/* Liveness of the worker and scheduler: their processes touch /tmp/alive while they live. */}}
{{- define "peihuo.alivenessProbe" -}}
exec:
  command:
    - python
    - -c
    - "import os, sys, time; sys.exit(time.time() - os.path.getmtime('/tmp/alive') > 120)"
initialDelaySeconds: 30
periodSeconds: 30
timeoutSeconds: 5
failureThreshold: 3
{{- end -}}
