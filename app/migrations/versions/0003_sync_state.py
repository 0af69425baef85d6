"""sync state: enrolled server and token, batches, quarantined records, pull checkpoints

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_server',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=300), nullable=False),
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('commune_code', sa.String(length=5), nullable=False),
        sa.Column('token', sa.Text(), nullable=False),
        sa.Column('ca_file', sa.Text(), nullable=True),
        sa.Column('enrolled_at', sa.String(length=40), nullable=False),
        sa.Column('last_attempt_at', sa.String(length=40), nullable=True),
        sa.Column('last_success_at', sa.String(length=40), nullable=True),
        sa.Column('last_error_code', sa.String(length=60), nullable=True),
        sa.Column('last_error_vi', sa.Text(), nullable=True),
        sa.Column('last_error_en', sa.Text(), nullable=True),
        sa.Column('clock_skew_s', sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_server')),
    )
    op.create_table(
        'sync_batch',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.String(length=40), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('record_count', sa.Integer(), nullable=False),
        sa.Column('bytes', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('finished_at', sa.String(length=40), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_batch')),
    )
    with op.batch_alter_table('sync_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_batch_state'), ['state'], unique=False)
    op.create_table(
        'sync_issue',
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('entity', sa.String(length=40), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('reasons', sa.Text(), nullable=False),
        sa.Column('batch_id', sa.String(length=36), nullable=True),
        sa.Column('at', sa.String(length=40), nullable=False),
        sa.Column('server_revision', sa.Integer(), nullable=True),
        sa.Column('server_device_id', sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint('record_id', name=op.f('pk_sync_issue')),
    )
    op.create_table(
        'sync_checkpoint',
        sa.Column('stream', sa.String(length=40), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('stream', name=op.f('pk_sync_checkpoint')),
    )


def downgrade() -> None:
    op.drop_table('sync_checkpoint')
    op.drop_table('sync_issue')
    with op.batch_alter_table('sync_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_batch_state'))
    op.drop_table('sync_batch')
    op.drop_table('sync_server')
