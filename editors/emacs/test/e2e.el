;;; e2e.el --- end-to-end test of otpls in Emacs + eglot  -*- lexical-binding: t; -*-
;; Driven by editors/editors_test.go with OTPLS_REPO, OTPLS_BIN, OTPLS_FILE, OTPLS_GOLDEN.
;; Exits 0 on success, 1 with a message on failure.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(unless (fboundp 'elixir-mode)
  ;; Debian has no elixir-mode package: a minimal mode is enough to attach eglot.
  (define-derived-mode elixir-mode prog-mode "Elixir"))
(add-to-list 'auto-mode-alist '("\\.exs?\\'" . elixir-mode))

(load (expand-file-name "editors/emacs/otpls.el" (getenv "OTPLS_REPO")))
(setq otpls-executable (getenv "OTPLS_BIN")
      otpls-settings '(:diagnosticDelay 0)
      eglot-sync-connect 10
      flymake-no-changes-timeout 0.1)

(defun e2e-fail (fmt &rest args)
  (princ (concat "emacs e2e: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun e2e-wait (what pred)
  ;; Batch Emacs never goes idle, so the idle timers that would send pending changes and
  ;; restart flymake do not fire: do what they would do.
  (let ((deadline (+ (float-time) (/ (string-to-number (or (getenv "OTPLS_TIMEOUT_MS") "20000")) 1000.0))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (eglot--signal-textDocument/didChange)
      (flymake-start)
      (accept-process-output nil 0.05))
    (unless (funcall pred) (e2e-fail "timed out waiting for %s" what))))

(defun e2e-otpls-diags ()
  (cl-remove-if-not (lambda (d) (string-match-p "OTP" (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(condition-case err
    (let* ((file (getenv "OTPLS_FILE"))
           (golden (getenv "OTPLS_GOLDEN")))
      (find-file file)
      (let ((original (buffer-string)))
        (apply #'eglot (eglot--guess-contact))
        (flymake-mode 1)
        ;; 1. The diagnostic, with its code and range.
        (e2e-wait "the OTP003 diagnostic" (lambda () (e2e-otpls-diags)))
        (let* ((d (car (e2e-otpls-diags)))
               (beg (flymake-diagnostic-beg d))
               (end (flymake-diagnostic-end d)))
          (unless (string-match-p "OTP003" (flymake-diagnostic-text d))
            (e2e-fail "diagnostic text %S" (flymake-diagnostic-text d)))
          (save-excursion
            (goto-char beg)
            (unless (and (= (line-number-at-pos) 13) (= (current-column) 13))
              (e2e-fail "diagnostic starts at %d:%d" (line-number-at-pos) (current-column)))
            (unless (string-prefix-p "HTTPoison.get(" (buffer-substring beg end))
              (e2e-fail "diagnostic covers %S" (buffer-substring beg end))))
          ;; 2. The quick fix, applied without prompting, saved, compared with the golden.
          (eglot-code-actions beg end "quickfix" t))
        (save-buffer)
        (let ((want (with-temp-buffer (insert-file-contents golden) (buffer-string)))
              (got (with-temp-buffer (insert-file-contents file) (buffer-string))))
          (unless (string= got want) (e2e-fail "fixed file differs from the golden:\n%s" got)))
        (e2e-wait "the diagnostic to clear after the fix" (lambda () (null (e2e-otpls-diags))))
        ;; 3. Back to the original; then an edit removing the violation clears it.
        (erase-buffer)
        (insert original)
        (e2e-wait "the diagnostic to come back" (lambda () (e2e-otpls-diags)))
        (goto-char (point-min))
        (search-forward "HTTPoison.get(")
        (let ((start (match-beginning 0)))
          (delete-region start (line-end-position))
          (goto-char start)
          (insert "{:ok, city}"))
        (e2e-wait "the diagnostic to disappear after typing" (lambda () (null (e2e-otpls-diags))))
        (kill-emacs 0)))
  (error (e2e-fail "%S" err)))
;;; e2e.el ends here
